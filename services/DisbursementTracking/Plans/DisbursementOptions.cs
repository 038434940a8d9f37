namespace PerfPlatform.DisbursementTracking.Plans;

public sealed class DisbursementOptions
{
    public const string Section = "Disbursement";

    public static readonly int[] DefaultCheckpointMonths = [3, 6, 10, 12];

    /// <summary>
    /// The plan's checkpoint months (month ends); a year may have its own in CheckpointMonthsByYear. Empty by default
    /// because configuration binding appends to an initialised array; empty means the defaults above.
    /// </summary>
    public int[] CheckpointMonths { get; set; } = [];
    public Dictionary<string, int[]> CheckpointMonthsByYear { get; set; } = [];
    /// <summary>Whether a department may record disbursements of its own units (the treasury feed always may).</summary>
    public bool AllowDepartments { get; set; }
    /// <summary>Yellow warning beyond this many basis points behind plan; red beyond RedLagBp or nothing paid when due.</summary>
    public int YellowLagBp { get; set; } = 1000;
    public int RedLagBp { get; set; } = 2000;
    /// <summary>
    /// From the end of this month, nothing paid while the plan expects spending is red whatever the lag (common local
    /// practice: nothing paid by the end of June); before it, such a project is judged by its lag like any other.
    /// </summary>
    public int NothingPaidRedFromMonth { get; set; } = 6;
    /// <summary>
    /// The IANA time zone whose calendar days count: a checkpoint's month end passes, and a date without one is today,
    /// in this zone's days.
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
    /// <summary>
    /// Projects the daily warning sweep refreshes in one transaction. A province plans a million projects a year: one
    /// transaction each, with all their codes read first, was a million transactions a day and their codes in memory.
    /// </summary>
    public int SweepBatchSize { get; set; } = 500;

    public int[] MonthsFor(int year) =>
        CheckpointMonthsByYear.TryGetValue(year.ToString(), out var months) && months.Length > 0 ? months
        : CheckpointMonths.Length > 0 ? CheckpointMonths : DefaultCheckpointMonths;
}
