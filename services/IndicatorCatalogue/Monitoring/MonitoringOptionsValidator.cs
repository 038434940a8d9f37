using PerfPlatform.ServiceDefaults.Hosting;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>Checks the Monitoring section at start, so that a bad value stops the service instead of every form's judgement.</summary>
public sealed class MonitoringOptionsValidator : SectionValidator<MonitoringOptions>
{
    protected override IEnumerable<string> Problems(MonitoringOptions options)
    {
        if (options.RedLagBp is < 1 or > 10000)
            yield return $"{MonitoringOptions.Section}:RedLagBp ({options.RedLagBp}) must be basis points 1-10000.";
    }
}
