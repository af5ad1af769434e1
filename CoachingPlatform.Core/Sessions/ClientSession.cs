using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Sessions;

/// <summary>How engaged a participant was, judged from the transcript.</summary>
public enum EngagementLevel
{
    High,
    Medium,
    Low,
    Silent,
}

/// <summary>A client's participation in a session: speaking metrics, signals and review priority.</summary>
public sealed class ClientSession : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid SessionId { get; set; }
    public Session Session { get; set; } = null!;
    public Guid ClientId { get; set; }
    public Client Client { get; set; } = null!;
    public required string SpeakerLabel { get; set; }
    public double SpeakingSeconds { get; set; }

    // Fraction 0–1 of all speaking time in the session, the coach's included.
    public double SpeakingShare { get; set; }
    public int TurnCount { get; set; }
    public int QuestionCount { get; set; }
    public int WordCount { get; set; }
    public EngagementLevel EngagementLevel { get; set; }
    public bool Breakthrough { get; set; }
    public bool Urgent { get; set; }
    public bool Confused { get; set; }

    // 0–1; PriorityRank orders the coach's review queue (1 = review first).
    public double PriorityScore { get; set; }
    public int PriorityRank { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Summary? Summary { get; set; }
}
