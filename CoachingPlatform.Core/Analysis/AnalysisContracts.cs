using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Core.Analysis;

/// <summary>What an analyser needs to summarise one participant of a session.</summary>
/// <param name="ParticipantLabels">The transcript speaker labels that are this participant (after merging).</param>
/// <param name="CoachLabels">The coach's labels; their turns are context, never the participant's own words.</param>
/// <param name="Turns">The whole transcript (indexes are what evidence refers to).</param>
/// <param name="Instructions">The rendered Prompt template for the session type (organisation/coach override), or null for the default.</param>
public sealed record ParticipantAnalysisRequest(
    Guid SessionId,
    DateOnly SessionDate,
    string SessionType,
    string ParticipantName,
    IReadOnlyList<string> ParticipantLabels,
    string CoachName,
    IReadOnlyList<string> CoachLabels,
    IReadOnlyList<TranscriptTurn> Turns,
    string? Instructions = null);

/// <summary>A win, challenge or recommendation with the transcript turn indexes it came from.</summary>
public sealed record ExtractedItem(string Text, IReadOnlyList<int> Evidence);

/// <summary>An action item: who does what by when (when stated), with its evidence turns.</summary>
public sealed record ExtractedActionItem(string Text, string? Owner, DateOnly? Due, IReadOnlyList<int> Evidence);

/// <summary>Signals that order the coach's review queue; each with the turns that show it.</summary>
public sealed record ParticipantSignals(
    bool Breakthrough, IReadOnlyList<int> BreakthroughEvidence,
    bool Urgent, IReadOnlyList<int> UrgentEvidence,
    bool Confused, IReadOnlyList<int> ConfusedEvidence)
{
    public static ParticipantSignals None { get; } = new(false, [], false, [], false, []);
}

/// <summary>Which model produced an analysis and what it cost in tokens.</summary>
public sealed record AnalysisUsage(string Analyzer, string Model, string PromptVersion, int InputTokens, int OutputTokens);

/// <summary>One participant's analysis as the analyser produced it (before the quality gate checks its grounding).</summary>
public sealed record ParticipantAnalysis(
    string Narrative,
    IReadOnlyList<string> Bullets,
    IReadOnlyList<ExtractedItem> Wins,
    IReadOnlyList<ExtractedItem> Challenges,
    IReadOnlyList<ExtractedActionItem> ActionItems,
    IReadOnlyList<ExtractedItem> Recommendations,
    ParticipantSignals Signals,
    AnalysisUsage Usage);

/// <summary>
/// Summarises one participant. Implementations: the OpenAI-compatible one (Microsoft.Extensions.AI <c>IChatClient</c>,
/// structured output) when a provider is configured, else the local deterministic analyser (no network). Thread-safe:
/// the pipeline calls it for several participants at once.
/// </summary>
public interface IParticipantAnalyzer
{
    /// <summary>"openai" or "local": logged at start-up and stored with each summary.</summary>
    string Name { get; }

    Task<ParticipantAnalysis> AnalyseAsync(ParticipantAnalysisRequest request, CancellationToken cancellationToken);
}

/// <summary>Thrown when the provider answered but the answer is unusable (malformed JSON, a refusal): not retried.</summary>
public sealed class AnalysisRejectedException(string message, Exception? inner = null) : Exception(message, inner);
