using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Identity;

/// <summary>
/// A rotating refresh token, stored only as its SHA-256 hash. Every login starts a family; each refresh
/// revokes the presented token and issues its successor in the same family. Presenting a token that was
/// already rotated means it leaked, so the whole family is revoked.
/// </summary>
public sealed class RefreshToken : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CoachId { get; set; }
    public Guid FamilyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public Guid? ReplacedById { get; set; }
    public string? CreatedByIp { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
