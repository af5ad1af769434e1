using CoachingPlatform.Core.Identity;

namespace CoachingPlatform.Api.Infrastructure.RateLimiting;

internal static class RateLimitingExtensions
{
    public static WebApplicationBuilder AddPlatformRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisFixedWindowCounter>();
        builder.Services.AddSingleton<ILoginThrottle, RedisLoginThrottle>();
        return builder;
    }

    /// <summary>
    /// The per-coach / per-address request limit. Place it after <c>UseAuthentication</c> (it keys on the coach)
    /// and after <c>UseCors</c> (so preflights are answered without counting).
    /// </summary>
    public static IApplicationBuilder UsePlatformRequestLimits(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestRateLimitMiddleware>();
}
