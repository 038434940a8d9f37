using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PerfPlatform.ServiceDefaults.Auth;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.Gateway.Limits;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Sustained requests per second for one unit (a department) or one finance caller.</summary>
    public int PermitsPerSecond { get; set; } = 100;
    public int Burst { get; set; } = 200;
}

/// <summary>A token bucket per unit: one busy department cannot starve the others. Refusals are RESOURCE_EXHAUSTED.</summary>
public static class UnitRateLimit
{
    public static IServiceCollection AddUnitRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = (context, ct) => ErrorResponse.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                grpcCode: 8, "请求过于频繁，已超过本单位的访问频率限制，请稍后重试。", ct);
        });
    }

    /// <summary>
    /// A department token for one unit takes that unit's bucket, whoever holds it; a token for several units takes the
    /// bucket of that set (which unit a request is for is not known here: a project code or a gRPC body names none, and
    /// charging every unit of the set would let one unit's traffic exhaust its siblings'). Anyone else is limited by
    /// subject; anonymous calls by address.
    /// </summary>
    private static string PartitionKey(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return "ip:" + context.Connection.RemoteIpAddress;
        var units = user.FindAll(PerfClaims.Unit).Select(c => c.Value).Order().ToList();
        return units.Count > 0 ? "unit:" + string.Join(",", units) : "sub:" + (user.FindFirst("sub")?.Value ?? "?");
    }
}
