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
}
