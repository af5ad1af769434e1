using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Tags;

namespace CoachingPlatform.Core.Sessions;

/// <summary>Where a session is in the ingest and analysis pipeline.</summary>
public enum SessionStatus
{
    Uploaded,
    Parsing,
    Parsed,
    Analysing,
    ReadyForReview,
    NeedsAttention,
    Failed,
}

/// <summary>A coaching session (group workshop or one-on-one) and its stored original transcript.</summary>
public sealed class Session : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid CoachId { get; set; }
    public Coach Coach { get; set; } = null!;
    public required string Title { get; set; }
    public DateOnly SessionDate { get; set; }

    // "group", "individual" or an organisation-defined methodology key.
    public required string SessionType { get; set; }
    public int? DurationSeconds { get; set; }
    public int ParticipantCount { get; set; }
    public SessionStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public int Progress { get; set; }
    public string? Metadata { get; set; }
    public string? CoachSpeaker { get; set; }
    public List<string> ParticipantHints { get; set; } = [];
    public required string TranscriptFileName { get; set; }
    public string? TranscriptFormat { get; set; }

    // The original upload, encrypted at rest; TranscriptSizeBytes is the plaintext size.
    public required byte[] TranscriptCiphertext { get; set; }
    public long TranscriptSizeBytes { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // PostgreSQL's xmin: changes on every update, so it serves as the optimistic concurrency token.
    public uint Version { get; set; }
    public ICollection<ClientSession> Participants { get; } = [];
    public ICollection<SessionTag> Tags { get; } = [];
}
