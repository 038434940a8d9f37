using System.Diagnostics.Metrics;

namespace PerfPlatform.DisbursementTracking;

/// <summary>The meter of the service's own metrics, exported with the platform's other PerfPlatform.* meters.</summary>
internal static class DisbursementMeter
{
    public static readonly Meter Instance = new("PerfPlatform.DisbursementTracking");
}
