using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Api.Endpoints;

public sealed record SessionAcceptedResponse(Guid Id, SessionStatus Status);

public sealed record CoachRef(Guid Id, string Name);

public sealed record SessionStatusResponse(Guid Id, SessionStatus Status, int Progress, string? Reason, DateTimeOffset UpdatedAt)
{
    public static SessionStatusResponse From(Session s) => new(s.Id, s.Status, s.Progress, s.StatusReason, s.UpdatedAt);
}

public sealed record SessionListItem(
    Guid Id, string Title, DateOnly SessionDate, string SessionType, SessionStatus Status, int? DurationMinutes,
    int ParticipantCount, CoachRef Coach, DateTimeOffset CreatedAt)
{
    public static SessionListItem From(Session s) => new(
        s.Id, s.Title, s.SessionDate, s.SessionType, s.Status, Minutes(s.DurationSeconds), s.ParticipantCount,
        new CoachRef(s.CoachId, s.Coach.Name), s.CreatedAt);

    internal static int? Minutes(int? seconds) => seconds is { } sec ? (int)Math.Round(sec / 60.0, MidpointRounding.AwayFromZero) : null;
}

/// <summary>One client's participation; <c>speakingShare</c> is over every speaker's time, coach included.</summary>
public sealed record ParticipantResponse(
    Guid ClientSessionId, Guid ClientId, string Name, double SpeakingSeconds, double SpeakingShare, int TurnCount, int QuestionCount,
    EngagementLevel EngagementLevel, bool Breakthrough, bool Urgent, bool Confused, double PriorityScore, int PriorityRank, Guid? SummaryId);

public sealed record SessionDetailResponse(
    Guid Id, string Title, DateOnly SessionDate, string SessionType, SessionStatus Status, string? StatusReason, int? DurationMinutes,
    int ParticipantCount, CoachRef Coach, IReadOnlyList<ParticipantResponse> Participants)
{
    public static SessionDetailResponse From(Session s) => new(
        s.Id, s.Title, s.SessionDate, s.SessionType, s.Status, s.StatusReason, SessionListItem.Minutes(s.DurationSeconds), s.ParticipantCount,
        new CoachRef(s.CoachId, s.Coach.Name),
        s.Participants
            // Ranked participants first in rank order; before analysis ranks them, the most talkative first.
            .OrderBy(p => p.PriorityRank == 0 ? int.MaxValue : p.PriorityRank)
            .ThenByDescending(p => p.SpeakingSeconds)
            .ThenBy(p => p.Client.Name, StringComparer.Ordinal)
            .Select(p => new ParticipantResponse(
                p.Id, p.ClientId, p.Client.Name, Math.Round(p.SpeakingSeconds, 1), Math.Round(p.SpeakingShare, 4), p.TurnCount, p.QuestionCount,
                p.EngagementLevel, p.Breakthrough, p.Urgent, p.Confused, p.PriorityScore, p.PriorityRank, p.Summary?.Id))
            .ToList());
}

public sealed record TranscriptTurnResponse(int Index, string Speaker, Guid? ClientId, double? Start, double? End, string Text);

public sealed record TranscriptResponse(Guid SessionId, TranscriptFormat Format, IReadOnlyList<TranscriptTurnResponse> Turns);

public sealed record SummaryItemResponse(string Text, IReadOnlyList<int> Evidence);

public sealed record ActionItemResponse(string Text, string? Owner, DateOnly? Due, IReadOnlyList<int> Evidence);

/// <summary>A client's summary: the coach's edited version when there is one, else the AI draft.</summary>
public sealed record SummaryResponse(
    Guid Id, Guid SessionId, Guid ClientSessionId, Guid ClientId, string ClientName, SummaryStatus Status, string Narrative,
    IReadOnlyList<string> Bullets, IReadOnlyList<SummaryItemResponse> Wins, IReadOnlyList<SummaryItemResponse> Challenges,
    IReadOnlyList<ActionItemResponse> ActionItems, IReadOnlyList<SummaryItemResponse> Recommendations,
    double QualityScore, bool NeedsReview, DateTimeOffset? ApprovedAt, int PriorityRank, bool Urgent, bool Breakthrough, bool Confused)
{
    public static SummaryResponse From(ClientSession participant, Summary summary)
    {
        var c = summary.CoachContent ?? summary.AiContent;
        static List<SummaryItemResponse> Items(IEnumerable<SummaryItem> items) => [.. items.Select(i => new SummaryItemResponse(i.Text, i.Evidence))];
        return new(
            summary.Id, participant.SessionId, participant.Id, participant.ClientId, participant.Client.Name, summary.Status, c.Narrative,
            c.Bullets, Items(c.Wins), Items(c.Challenges), [.. c.ActionItems.Select(a => new ActionItemResponse(a.Text, a.Owner, a.Due, a.Evidence))],
            Items(c.Recommendations), summary.QualityScore, summary.NeedsReview, summary.ApprovedAt, participant.PriorityRank,
            participant.Urgent, participant.Breakthrough, participant.Confused);
    }
}
