using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.FollowUps;

/// <summary>Where a follow-up email is in its delivery.</summary>
public enum FollowUpStatus
{
    Draft,
    Scheduled,
    Sending,
    Sent,
    Failed,
}

/// <summary>The follow-up email to a client drafted from an approved summary, and its delivery state.</summary>
public sealed class FollowUp : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SummaryId { get; set; }
    public Summary Summary { get; set; } = null!;
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public Guid? TemplateId { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? FailureReason { get; set; }
    public int Attempts { get; set; }

    // PostgreSQL's xmin: guards the Scheduled -> Sending transition so a follow-up is never sent twice.
    public uint Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
