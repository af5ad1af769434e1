using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Refinement;

/// <summary>What produced a summary revision.</summary>
public enum RevisionKind
{
    Ai,
    ManualEdit,
    Command,
    Undo,
    Redo,
}

/// <summary>One immutable step in a summary's history: who changed it, how, and the content afterwards.</summary>
public sealed class SummaryRevision : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SummaryId { get; set; }
    public int Number { get; set; }
    public RevisionKind Kind { get; set; }

    // Null for AI revisions; not a foreign key so history survives the coach's deletion.
    public Guid? AuthorCoachId { get; set; }

    // The natural-language refinement command, for Kind = Command.
    public string? Command { get; set; }
    public SummaryContent Content { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }

    // Revisions are never updated; kept only because the timestamp interceptor stamps ITimestamped rows.
    public DateTimeOffset UpdatedAt { get; set; }
}
