namespace CoachingPlatform.Core.Participants;

/// <summary>What the upload tells the resolver about who is who.</summary>
/// <param name="UploaderName">The uploading coach's account name ("Avery Stone").</param>
/// <param name="CoachSpeaker">The coach's label in the transcript when it differs from the account name (the <c>coachSpeaker</c> form field).</param>
/// <param name="ParticipantHints">
/// Expected attendees (the <c>participants</c> form field, split). The resolver only uses them so a lone first name is not merged
/// into a speaker when an expected attendee shares it; <see cref="ClientMatcher"/> does the rest.
/// </param>
public sealed record ResolveOptions(
    string? UploaderName = null,
    string? CoachSpeaker = null,
    IReadOnlyList<string>? ParticipantHints = null)
{
    /// <summary>No coach name, no hints: the coach is inferred.</summary>
    public static ResolveOptions None { get; } = new();
}

/// <summary>How the coach's speaker was found.</summary>
public enum CoachInference
{
    /// <summary>No coach: a transcript with fewer than two speakers, or no speaker clearly facilitating.</summary>
    None,

    /// <summary>Matched the <c>coachSpeaker</c> label given with the upload.</summary>
    Explicit,

    /// <summary>Matched the uploading coach's account name.</summary>
    UploaderName,

    /// <summary>Scored as the facilitating speaker (see docs/participants.md).</summary>
    Inferred,
}

/// <summary>One person in a transcript, after labels that name the same person were merged.</summary>
/// <param name="Id">Position in order of first appearance (0-based); silent participants added by <see cref="ClientMatcher"/> follow.</param>
/// <param name="DisplayName">The most complete way the person was written, without conferencing decorations.</param>
/// <param name="Key">The comparison key of <paramref name="DisplayName"/>.</param>
/// <param name="Labels">Every label as written in the transcript's turns that belongs to this person (exact strings).</param>
/// <param name="Aliases">The other names the person was written as (person-name forms other than <paramref name="DisplayName"/>).</param>
/// <param name="TurnIndexes">The <c>Index</c> of each of the person's turns, ascending; empty for a silent participant.</param>
public sealed record ResolvedSpeaker(
    int Id,
    string DisplayName,
    string Key,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<int> TurnIndexes)
{
    /// <summary>True for the coach's speaker; excluded from client participation.</summary>
    public bool IsCoach { get; init; }

    /// <summary>
    /// True when the label is a single first or last name that two or more people in the session share ("Maria" with
    /// "Maria Lopez" and "Maria Chen"): kept apart, never auto-matched to a client, for the UI to ask.
    /// </summary>
    public bool Ambiguous { get; init; }

    /// <summary>For an ambiguous speaker, the ids of the speakers it could be.</summary>
    public IReadOnlyList<int> AmbiguousWith { get; init; } = [];

    /// <summary>The parsed <see cref="DisplayName"/>: tokens, first and last name.</summary>
    public SpeakerName Name => SpeakerName.Parse(DisplayName);

    /// <summary>True for a hinted participant who never spoke.</summary>
    public bool IsSilent => TurnIndexes.Count == 0;
}

/// <summary>Why the inference scored a speaker as it did; weights in docs/participants.md.</summary>
/// <param name="SpeakerId">The scored speaker.</param>
/// <param name="Score">Weighted sum, 0–1.</param>
/// <param name="QuestionShare">The speaker's questions over all questions asked.</param>
/// <param name="TurnShare">The speaker's turns over all turns.</param>
/// <param name="FloorShare">The speaker's share of the changes of speaker (times they took the floor from someone else).</param>
/// <param name="SpokeFirst">The speaker opened the transcript.</param>
/// <param name="SpokeLast">The speaker closed the transcript.</param>
public sealed record CoachScore(
    int SpeakerId,
    double Score,
    double QuestionShare,
    double TurnShare,
    double FloorShare,
    bool SpokeFirst,
    bool SpokeLast);

/// <summary>The people of a transcript and which of them is the coach.</summary>
/// <param name="Speakers">In order of first appearance; <see cref="ResolvedSpeaker.Id"/> is the position.</param>
/// <param name="CoachInference">How the coach was found, or <see cref="CoachInference.None"/>.</param>
/// <param name="CoachScores">The facilitation scores of every speaker (computed when there are two or more), highest first.</param>
public sealed record ResolvedSpeakers(
    IReadOnlyList<ResolvedSpeaker> Speakers,
    CoachInference CoachInference,
    IReadOnlyList<CoachScore> CoachScores)
{
    /// <summary>The coach's speaker, or null.</summary>
    public ResolvedSpeaker? Coach => Speakers.FirstOrDefault(s => s.IsCoach);

    /// <summary>Every speaker other than the coach.</summary>
    public IReadOnlyList<ResolvedSpeaker> Participants => [.. Speakers.Where(s => !s.IsCoach)];

    /// <summary>The speaker a transcript label belongs to (exact label as in the turns), or null.</summary>
    public ResolvedSpeaker? ForLabel(string label) =>
        Speakers.FirstOrDefault(s => s.Labels.Contains(label, StringComparer.Ordinal));

    /// <summary>The speaker of the turn with this <c>Index</c>, or null.</summary>
    public ResolvedSpeaker? ForTurn(int turnIndex) =>
        Speakers.FirstOrDefault(s => s.TurnIndexes.Contains(turnIndex));
}
