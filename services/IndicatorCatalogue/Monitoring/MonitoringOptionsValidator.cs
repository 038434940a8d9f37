using Microsoft.Extensions.Options;

namespace PerfPlatform.IndicatorCatalogue.Monitoring;

/// <summary>Checks the Monitoring section at start, so that a bad value stops the service instead of every form's judgement.</summary>
public sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options) =>
        options.RedLagBp is < 1 or > 10000
            ? ValidateOptionsResult.Fail($"{MonitoringOptions.Section}:RedLagBp ({options.RedLagBp}) must be basis points 1-10000.")
            : ValidateOptionsResult.Success;
}
