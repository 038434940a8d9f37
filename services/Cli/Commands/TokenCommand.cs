using PerfPlatform.ServiceDefaults.Auth;

namespace PerfPlatform.Cli.Commands;

/// <summary>perfctl token --role finance | --role department --division 130636 --unit 434001 [--unit …]</summary>
public static class TokenCommand
{
    private const int MinHours = 1;
    private const int MaxHours = 720;

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "角色：finance（财政部门）或 department（预算部门）", Required = true };
        role.AcceptOnlyFromAmong(PerfClaims.FinanceRole, PerfClaims.DepartmentRole);
        var division = new Option<string?>("--division") { Description = "行政区划代码（部门角色必填），如 130636" };
        var units = new Option<string[]>("--unit") { Description = "可代表的单位代码，可多次给出，如 434001", AllowMultipleArgumentsPerToken = true };
        var subject = new Option<string?>("--subject") { Description = "令牌主体（审计记录中的操作人）" };
        var hours = new Option<int>("--hours")
        {
            Description = $"有效小时数（{MinHours} 至 {MaxHours}，默认 12）",
            DefaultValueFactory = _ => 12,
            // Out of range a token would be born expired (0 or less) or overflow the expiry time (a crash).
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, out var value) && value is >= MinHours and <= MaxHours) return value;
                result.AddError($"--hours 应为 {MinHours} 至 {MaxHours} 之间的整数（有效小时数，最长 30 天），收到「{text}」。");
                return 0;
            },
        };
        var keyFile = new Option<string?>("--key-file") { Description = "签名密钥文件（默认 .local/dev-signing.key 或 PERF_SIGNING_KEY_FILE）" };

        var command = new Command("token", "签发本地开发用的访问令牌（JWT）") { role, division, units, subject, hours, keyFile };
        command.SetAction(parse =>
        {
            var path = LocalKey.Find(parse.GetValue(keyFile));
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine("找不到签名密钥文件：请先运行 deploy/local/up，或用 --key-file 指定。");
                return 2;
            }
            var key = new AuthOptions { SigningKeyFile = path }.ResolveSigningKey();
            var lifetime = TimeSpan.FromHours(parse.GetValue(hours));
            if (parse.GetValue(role) == PerfClaims.FinanceRole)
            {
                Console.WriteLine(DevTokens.Finance(key, parse.GetValue(subject) ?? "finance-local", lifetime));
                return 0;
            }
            var div = parse.GetValue(division);
            var unitCodes = parse.GetValue(units) ?? [];
            if (!Codes.IsDivision(div) || unitCodes.Length == 0 || unitCodes.Any(u => !Codes.IsUnit(u)))
            {
                Console.Error.WriteLine("部门角色需要 --division（6 位数字）和至少一个 --unit（6 位数字）。");
                return 2;
            }
            Console.WriteLine(DevTokens.Department(key, unitCodes.Select(u => (div!, u)), parse.GetValue(subject), lifetime));
            return 0;
        });
        return command;
    }
}
