using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Supervision;

/// <summary>A coach lead's confidential note on a session or a coach; never shown to clients or exported to them.</summary>
public sealed class TeamNote : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid AuthorCoachId { get; set; }

    // At least one of SessionId and CoachId is set (enforced by a check constraint).
    public Guid? SessionId { get; set; }
    public Guid? CoachId { get; set; }
    public required string Body { get; set; }

    // Session quality rating, 1–5.
    public int? QualityRating { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
