using System.Net;
using System.Text.Json;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.TestSupport;
using Xunit;

namespace PerfPlatform.Reliability.Tests;

/// <summary>POST /v1/imports, which no proto declares: the same identities, a dry run and a real import of one unit's document.</summary>
public sealed partial class AuthorizationMatrixTests
{
    [Fact]
    public async Task The_import_route_imports_for_the_own_department_and_finance_and_refuses_everyone_else()
    {
        var key = fixture.Stack.SigningKey;
        // A dry run writes nothing and so asks no service whether it would allow the writes: another department's dry run
        // shows what the document holds (its own upload) and is refused only when it imports for real.
        var identities = new (string Name, string? Token, HttpStatusCode DryRun, HttpStatusCode Import)[]
        {
            ("no token", null, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            ("expired", DevTokens.Issue(key, "finance-expired", PerfClaims.FinanceRole, [], TimeSpan.FromMinutes(-5), "perfplatform-local", "perfplatform"),
                HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            ("forged", DevTokens.Finance(Convert.FromBase64String(DevTokens.NewSigningKey())), HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            ("other department", fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OtherUnit), HttpStatusCode.OK, HttpStatusCode.Forbidden),
            ("own department", fixture.Stack.DepartmentToken(PlatformFixture.Division, PlatformFixture.OwnUnit), HttpStatusCode.OK, HttpStatusCode.OK),
            ("finance", fixture.Stack.FinanceToken(), HttpStatusCode.OK, HttpStatusCode.OK),
        };
        var wrong = new List<string>();
        foreach (var dryRun in new[] { true, false })
        foreach (var (name, token, dryRunAnswer, importAnswer) in identities)
        {
            var expected = dryRun ? dryRunAnswer : importAnswer;
            using var http = fixture.Stack.Http(PlatformStack.Gateway, token);
            http.Timeout = TimeSpan.FromMinutes(3);
            using var response = await http.PostAsync($"/v1/imports?dryRun={dryRun}", ImportDocuments.Text(ImportDocuments.Seed2022()));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected) wrong.Add($"{(dryRun ? "dry run" : "import")} as {name}: {(int)response.StatusCode} {Sweep.Clip(text, 600)}");
            var revealed = Secrets.Where(text.Contains).ToList();
            if (revealed.Count > 0) wrong.Add($"{(dryRun ? "dry run" : "import")} as {name}: the answer reveals {string.Join("、", revealed)}");
            if (expected == HttpStatusCode.Forbidden && response.StatusCode == expected)
            {
                var failed = JsonDocument.Parse(text).RootElement.GetProperty("steps").EnumerateArray()
                    .Where(s => s.GetProperty("outcome").GetString() == "Failed").ToList();
                if (failed.Count == 0 || failed.Any(s => s.GetProperty("status").GetString() != "PermissionDenied"))
                    wrong.Add($"{name}: a refusal that is not for the caller's rights: {Sweep.Clip(text, 600)}");
            }
            if (name == "other department")
            {
                using var finance = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.FinanceToken());
                var stored = await finance.GetAsync($"/v1/projects/{ImportDocuments.FirstProject}");
                if (stored.StatusCode != HttpStatusCode.NotFound) wrong.Add($"the other department's {(dryRun ? "dry run" : "refused import")} stored a project: {(int)stored.StatusCode}");
            }
        }
        using var check = fixture.Stack.Http(PlatformStack.Gateway, fixture.Stack.FinanceToken());
        var project = await check.GetAsync($"/v1/projects/{ImportDocuments.FirstProject}");
        if (project.StatusCode != HttpStatusCode.OK) wrong.Add($"the own department's import stored no project: {(int)project.StatusCode}");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
