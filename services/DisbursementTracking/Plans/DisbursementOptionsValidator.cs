using Microsoft.Extensions.Options;

namespace PerfPlatform.DisbursementTracking.Plans;

/// <summary>Checks the Disbursement section at start, so that a bad value stops the service instead of failing every request.</summary>
public sealed class DisbursementOptionsValidator : IValidateOptions<DisbursementOptions>
{
    public ValidateOptionsResult Validate(string? name, DisbursementOptions options)
    {
        var problems = new List<string>();
        var section = DisbursementOptions.Section;
        CheckMonths($"{section}:CheckpointMonths", options.CheckpointMonths, allowEmpty: true, problems);
        foreach (var (year, months) in options.CheckpointMonthsByYear)
        {
            if (!int.TryParse(year, out var y) || y is < 2000 or > 2099)
                problems.Add($"{section}:CheckpointMonthsByYear has the key '{year}'; keys are budget years 2000-2099.");
            CheckMonths($"{section}:CheckpointMonthsByYear:{year}", months, allowEmpty: false, problems);
        }
        if (options.YellowLagBp is < 1 or > 10000 || options.RedLagBp is < 1 or > 10000 || options.YellowLagBp >= options.RedLagBp)
            problems.Add($"{section}:YellowLagBp ({options.YellowLagBp}) and {section}:RedLagBp ({options.RedLagBp}) must be basis points " +
                "1-10000 with yellow below red.");
        if (options.NothingPaidRedFromMonth is < 1 or > 12)
            problems.Add($"{section}:NothingPaidRedFromMonth ({options.NothingPaidRedFromMonth}) must be a month 1-12.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            problems.Add($"{section}:TimeZone '{options.TimeZone}' is not a time zone this system knows (an IANA id such as Asia/Shanghai).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckMonths(string key, int[] months, bool allowEmpty, List<string> problems)
    {
        if (months.Length == 0 && allowEmpty) return;
        var increasing = months.Zip(months.Skip(1)).All(p => p.First < p.Second);
        if (months.Length == 0 || months.Any(m => m is < 1 or > 12) || !increasing)
            problems.Add($"{key} ({string.Join(", ", months)}) must be months 1-12 in strictly increasing order.");
    }
}
