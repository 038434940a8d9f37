using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PerfPlatform.DisbursementTracking.Disbursements;

/// <summary>
/// Where a batch's time goes, phase by phase (reading the stream, the row checks, the locks and sums, judging the rows, the
/// COPY, saving events and audit, the warnings, the commit; "refused" is a first attempt that the voucher index refused):
/// perf_disbursement_batch_phase_seconds{phase}, which the bench reads for P3 (README, Measured speed).
/// </summary>
public sealed class BatchPhases
{
    public const string Metric = "perf_disbursement_batch_phase_seconds";

    private static readonly Histogram<double> Seconds = DisbursementMeter.Instance.CreateHistogram(Metric, "s",
        "Time a disbursement batch spent in each phase",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private long _mark = Stopwatch.GetTimestamp();

    /// <summary>Records the time since the previous phase ended (or since the batch began) as <paramref name="phase"/>'s.</summary>
    public void Ended(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        Seconds.Record(Stopwatch.GetElapsedTime(_mark, now).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
        _mark = now;
    }
}
