using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Core.Identity;

/// <summary>Token and lockout settings (section <c>Auth</c>). The signing key comes from a secret, never from appsettings.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HMAC-SHA256 key for access tokens: at least 32 characters (256 bits).</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "coachingplatform";

    [Required]
    public string Audience { get; set; } = "coachingplatform-api";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:10:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Consecutive failed logins that lock an account.</summary>
    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
