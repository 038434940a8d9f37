using PerfPlatform.ServiceDefaults.Errors;
using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.DisbursementTracking.Plans;

/// <summary>Checks the Disbursement section at start, so that a bad value stops the service instead of failing every request.</summary>
public sealed class DisbursementOptionsValidator : SectionValidator<DisbursementOptions>
{
    protected override IEnumerable<string> Problems(DisbursementOptions options)
    {
        var section = DisbursementOptions.Section;
        foreach (var problem in CheckMonths($"{section}:CheckpointMonths", options.CheckpointMonths, allowEmpty: true)) yield return problem;
        foreach (var (year, months) in options.CheckpointMonthsByYear)
        {
            if (!int.TryParse(year, out var y) || !KeyViolations.IsBudgetYear(y))
                yield return $"{section}:CheckpointMonthsByYear has the key '{year}'; keys are budget years {KeyViolations.MinYear}-{KeyViolations.MaxYear}.";
            foreach (var problem in CheckMonths($"{section}:CheckpointMonthsByYear:{year}", months, allowEmpty: false)) yield return problem;
        }
        if (options.YellowLagBp is < 1 or > 10000 || options.RedLagBp is < 1 or > 10000 || options.YellowLagBp >= options.RedLagBp)
            yield return $"{section}:YellowLagBp ({options.YellowLagBp}) and {section}:RedLagBp ({options.RedLagBp}) must be basis points " +
                "1-10000 with yellow below red.";
        if (options.NothingPaidRedFromMonth is < 1 or > 12)
            yield return $"{section}:NothingPaidRedFromMonth ({options.NothingPaidRedFromMonth}) must be a month 1-12.";
        if (options.SweepBatchSize is < 1 or > 10_000)
            yield return $"{section}:SweepBatchSize ({options.SweepBatchSize}) must be 1-10000 projects.";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
            yield return $"{section}:TimeZone '{options.TimeZone}' is not a time zone this system knows (an IANA id such as Asia/Shanghai).";
    }

    private static IEnumerable<string> CheckMonths(string key, int[] months, bool allowEmpty)
    {
        if (months.Length == 0 && allowEmpty) yield break;
        var increasing = months.Zip(months.Skip(1)).All(p => p.First < p.Second);
        if (months.Length == 0 || months.Any(m => m is < 1 or > 12) || !increasing)
            yield return $"{key} ({string.Join(", ", months)}) must be months 1-12 in strictly increasing order.";
    }
}
