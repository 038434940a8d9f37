using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace PerfPlatform.Deploy.Tests;

/// <summary>
/// The operator examples in deploy/kubernetes meet the chart: the values files name the Secrets and hosts the operators
/// create, with the keys the operators write, and the PostgreSQL Secret script writes one connection string per service
/// to a database the example creates.
/// </summary>
public sealed class OperatorExampleTests
{
    private static readonly JsonNode Defaults = Repo.Yaml(Path.Combine(Repo.Chart, "values.yaml"))!;
    private static string Kubernetes(string file) => Path.Combine(Repo.Root, "deploy", "kubernetes", file);

    public static TheoryData<string> ValuesFiles => new() { "values-small-county.yaml", "values-province.yaml" };

    private static JsonNode Values(string file) => Repo.Merge(Defaults, Repo.Yaml(Kubernetes(file)))!;

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void The_values_files_use_the_rabbitmq_operator_s_service_and_secret(string file)
    {
        var cluster = Repo.YamlDocuments(Kubernetes("rabbitmq-cluster.yaml")).Single(d => d?["kind"]?.GetValue<string>() == "RabbitmqCluster")!;
        var name = cluster["metadata"]!["name"]!.GetValue<string>();
        var rabbit = Values(file)["rabbitmq"]!;
        Assert.Equal(name, rabbit["host"]!.GetValue<string>());
        // The operator's Secret: <cluster>-default-user, with the keys username and password.
        Assert.Equal($"{name}-default-user", rabbit["existingSecret"]!.GetValue<string>());
        Assert.Equal("username", rabbit["usernameKey"]!.GetValue<string>());
        Assert.Equal("password", rabbit["passwordKey"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public async Task The_postgres_secret_script_writes_the_secret_and_keys_the_values_files_read(string file)
    {
        var values = Values(file);
        var run = await RunPostgresSecretAsync("perf-ns", user: "perfplatform", password: "p;w=\"d x'1");
        Assert.Equal(values["postgres"]!["existingSecret"]!.GetValue<string>(), run.SecretName);
        var keys = ((JsonObject)values["services"]!).Select(s => Repo.Service(values, s.Key)["database"]!["secretKey"]!.GetValue<string>())
            .Where(k => k.Length > 0).Order().ToList();
        Assert.Equal(4, keys.Count);
        Assert.Equal(keys, run.Literals.Keys.Order().ToList());
    }

    [Fact]
    public async Task Each_service_connects_to_its_own_database_of_the_example_cluster_with_the_operator_s_password()
    {
        var documents = Repo.YamlDocuments(Kubernetes("cloudnativepg-cluster.yaml"));
        var cluster = documents.Single(d => d?["kind"]?.GetValue<string>() == "Cluster")!;
        var clusterName = cluster["metadata"]!["name"]!.GetValue<string>();
        var owner = cluster["spec"]!["bootstrap"]!["initdb"]!["owner"]!.GetValue<string>();
        var databases = documents.Where(d => d?["kind"]?.GetValue<string>() == "Database")
            .Select(d =>
            {
                Assert.Equal(clusterName, d!["spec"]!["cluster"]!["name"]!.GetValue<string>());
                Assert.Equal(owner, d["spec"]!["owner"]!.GetValue<string>());
                return d["spec"]!["name"]!.GetValue<string>();
            })
            .Append(cluster["spec"]!["bootstrap"]!["initdb"]!["database"]!.GetValue<string>()).ToHashSet();

        const string password = "p;w=\"d x'1";
        var run = await RunPostgresSecretAsync("perf-ns", owner, password);
        Assert.Contains($"-n perf-ns get secret {clusterName}-app", run.Reads);
        var connected = new HashSet<string>();
        foreach (var (key, connectionString) in run.Literals)
        {
            var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
            Assert.Equal($"{clusterName}-rw", parsed["Host"]);
            Assert.Equal(owner, parsed["Username"]);
            Assert.Equal(password, parsed["Password"]);
            var database = (string)parsed["Database"];
            Assert.Contains(database, databases);
            Assert.True(connected.Add(database), $"{key} shares {database} with another service");
        }
        Assert.Equal(databases, connected);
        Assert.Contains("kind: Secret", run.Applied);
    }

    private sealed record ScriptRun(string SecretName, Dictionary<string, string> Literals, string Reads, string Applied);

    /// <summary>Runs deploy/kubernetes/postgres-secret against a stand-in kubectl that records what it is asked.</summary>
    private static async Task<ScriptRun> RunPostgresSecretAsync(string ns, string user, string password)
    {
        var dir = Directory.CreateTempSubdirectory("perf-kubectl-");
        try
        {
            var fake = Path.Combine(dir.FullName, "kubectl");
            await File.WriteAllTextAsync(fake, """
                #!/usr/bin/env bash
                case " $* " in
                  *" get secret "*)
                    echo "$*" >> "$FAKE_LOG.get"
                    case "$*" in
                      *data.username*) printf %s "$FAKE_USER" | base64 ;;
                      *data.password*) printf %s "$FAKE_PASSWORD" | base64 ;;
                    esac ;;
                  *" create secret "*) printf '%s\n' "$@" > "$FAKE_LOG.create"; echo "kind: Secret" ;;
                  *" apply "*) cat > "$FAKE_LOG.apply" ;;
                  *) echo "unexpected kubectl $*" >&2; exit 1 ;;
                esac
                """.Replace("\r", ""));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var log = Path.Combine(dir.FullName, "log");
            var start = new ProcessStartInfo(Kubernetes("postgres-secret"), [ns]) { RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["PATH"] = dir.FullName + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["FAKE_LOG"] = log;
            start.Environment["FAKE_USER"] = user;
            start.Environment["FAKE_PASSWORD"] = password;
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, errors);

            var create = await File.ReadAllLinesAsync(log + ".create");
            var name = create[Array.IndexOf(create, "generic") + 1];
            var literals = create.Where(a => a.StartsWith("--from-literal=", StringComparison.Ordinal))
                .Select(a => a["--from-literal=".Length..].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            return new ScriptRun(name, literals, await File.ReadAllTextAsync(log + ".get"), await File.ReadAllTextAsync(log + ".apply"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
