namespace PerfPlatform.ProjectRegistry.Review;

public static class SubmissionSetup
{
    /// <summary>
    /// The registry's own completeness check always; the indicator check (from what the catalogue's events told the
    /// registry) unless Submission:RequireIndicators is false (a registry run on its own, as some of its tests do).
    /// </summary>
    public static WebApplicationBuilder AddSubmissionChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISubmissionCheck, CompletenessCheck>();
        if (builder.Configuration.GetValue("Submission:RequireIndicators", true))
            builder.Services.AddScoped<ISubmissionCheck, IndicatorSetCheck>();
        builder.Services.AddScoped<SubmissionChecks>();
        return builder;
    }
}
