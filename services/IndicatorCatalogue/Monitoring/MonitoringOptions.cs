namespace PerfPlatform.IndicatorCatalogue.Monitoring;

public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>
    /// Execution trailing the plan by more than this at the as-of date needs rectification; the common local default, the
    /// same as DisbursementTracking's red warning (Disbursement:RedLagBp).
    /// </summary>
    public int RedLagBp { get; set; } = RectificationRules.DefaultRedLagBp;
}
