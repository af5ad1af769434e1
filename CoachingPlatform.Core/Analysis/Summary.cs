using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Refinement;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Tags;
using NpgsqlTypes;

namespace CoachingPlatform.Core.Analysis;

/// <summary>Whether a summary is still being reviewed or has been approved by the coach.</summary>
public enum SummaryStatus
{
    Draft,
    Approved,
}

/// <summary>The summary of one client's participation in a session: the AI draft and the coach's version.</summary>
public sealed class Summary : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ClientSessionId { get; set; }
    public ClientSession ClientSession { get; set; } = null!;
    public SummaryStatus Status { get; set; }
    public SummaryContent AiContent { get; set; } = new();

    // Null until the coach first edits or refines; the current content is CoachContent ?? AiContent.
    public SummaryContent? CoachContent { get; set; }
    public double QualityScore { get; set; }
    public bool NeedsReview { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public Guid? ApprovedById { get; set; }

    // Plain text of the current content, kept in step by the app; SearchVector is generated from it by PostgreSQL.
    public string SearchText { get; set; } = "";
    public NpgsqlTsVector SearchVector { get; set; } = null!;
    public string? PromptVersion { get; set; }
    public string? Model { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }

    // Number of the revision the current content corresponds to (undo/redo move it).
    public int CurrentRevision { get; set; }

    // PostgreSQL's xmin: the optimistic concurrency token behind If-Match on edits.
    public uint Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public ICollection<SummaryRevision> Revisions { get; } = [];
    public ICollection<SummaryTag> Tags { get; } = [];
}
