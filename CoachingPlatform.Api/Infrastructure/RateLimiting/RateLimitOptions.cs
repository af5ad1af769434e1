using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Api.Infrastructure.RateLimiting;

/// <summary>Request limits (section <c>RateLimiting</c>), enforced across replicas through Redis.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Requests one signed-in coach may make per minute, summed over every API replica.</summary>
    [Range(1, 100_000)]
    public int PerCoachPerMinute { get; set; } = 100;

    /// <summary>Requests without a valid access token one client address may make per minute (probes and API docs excepted).</summary>
    [Range(1, 100_000)]
    public int AnonymousPerAddressPerMinute { get; set; } = 60;

    /// <summary>Login attempts one client address may make per minute.</summary>
    [Range(1, 10_000)]
    public int LoginPerAddressPerMinute { get; set; } = 20;

    /// <summary>Login attempts for one account (any address) per <see cref="LoginAccountWindow"/>.</summary>
    [Range(1, 10_000)]
    public int LoginPerAccount { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LoginAccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}
