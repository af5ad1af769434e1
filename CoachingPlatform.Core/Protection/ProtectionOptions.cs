using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Core.Protection;

/// <summary>Settings of personal-data protection (section <c>Protection</c>). Secrets come from the AppHost, never from appsettings.</summary>
public sealed class ProtectionOptions
{
    public const string SectionName = "Protection";

    /// <summary>
    /// The Data Protection application name. Fixed, so the API and the worker (and every replica of each) derive the
    /// same keys from the shared key ring; changing it makes every stored ciphertext unreadable.
    /// </summary>
    public const string ApplicationName = "CoachingPlatform";

    /// <summary>
    /// HMAC-SHA256 key of the email lookup hash (<c>clients.email_hash</c>): at least 32 characters. Every host must use
    /// the same key; changing it means recomputing every stored hash (see docs/security.md).
    /// </summary>
    [Required, MinLength(32)]
    public string LookupKey { get; set; } = "";
}
