using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PerfPlatform.ServiceDefaults.Hosting;

public static class ValidatedOptions
{
    /// <summary>
    /// Options bound from a configuration section and checked by their validator when the host starts, so that a wrong
    /// setting stops the service with its message instead of surfacing on the first request that reads it.
    /// </summary>
    public static WebApplicationBuilder AddValidatedOptions<TOptions, TValidator>(this WebApplicationBuilder builder, string section)
        where TOptions : class where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return builder;
    }
}
