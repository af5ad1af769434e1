using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Identity;

/// <summary>What a coach may do: leads supervise their team, admins manage the organisation.</summary>
public enum CoachRole
{
    Coach,
    CoachLead,
    Admin,
}

/// <summary>A user of the platform: a coach, coach lead or admin of one organisation.</summary>
public sealed class Coach : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public CoachRole Role { get; set; }
    public Guid? LeadId { get; set; }
    public Coach? Lead { get; set; }
    public string? PasswordHash { get; set; }
    public VoiceProfile VoiceProfile { get; set; } = new();
    public NotificationPreferences NotificationPreferences { get; set; } = new();
    public DateTimeOffset? LastLoginAt { get; set; }
    public int FailedLoginCount { get; set; }
    public DateTimeOffset? LockoutEndsAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
