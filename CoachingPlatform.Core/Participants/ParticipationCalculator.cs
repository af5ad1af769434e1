using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Core.Participants;

/// <summary>Where a session's speaking times came from.</summary>
public enum TimingSource
{
    /// <summary>Every turn had a start and an end.</summary>
    Timestamps,

    /// <summary>Turns had start times only (Otter): each turn ends where the next starts; the last is estimated from its words.</summary>
    StartTimesOnly,

    /// <summary>No times at all: every turn estimated from its words.</summary>
    WordEstimate,

    /// <summary>Some turns timed, some not.</summary>
    Mixed,
}

/// <summary>One speaker's participation in a session. For the coach too, so shares add up to 1.</summary>
/// <param name="Speaker">The speaker (or silent hinted participant).</param>
/// <param name="SpeakingSeconds">Seconds spoken, measured or estimated (see <see cref="ParticipationCalculator"/>).</param>
/// <param name="SpeakingShare"><paramref name="SpeakingSeconds"/> over every speaker's seconds, coach included (0–1; 0 when nobody has any time).</param>
/// <param name="TurnCount">Runs of consecutive transcript turns by this speaker.</param>
/// <param name="QuestionCount">Sentences ending in '?'.</param>
/// <param name="WordCount">Words spoken.</param>
public sealed record ParticipantStats(
    ResolvedSpeaker Speaker,
    double SpeakingSeconds,
    double SpeakingShare,
    int TurnCount,
    int QuestionCount,
    int WordCount)
{
    /// <summary>True for the coach's own statistics.</summary>
    public bool IsCoach => Speaker.IsCoach;

    /// <summary>True for a participant who never spoke.</summary>
    public bool IsSilent => TurnCount == 0;
}

/// <summary>The statistics of every speaker in a session and the session's length.</summary>
/// <param name="Speakers">Resolved speakers in order, then silent participants.</param>
/// <param name="DurationSeconds">Last end minus first start when the transcript has times, else the summed estimate.</param>
/// <param name="TotalSpeakingSeconds">The sum of every speaker's seconds: the denominator of the shares.</param>
/// <param name="Timing">Where the times came from.</param>
public sealed record ParticipationStats(
    IReadOnlyList<ParticipantStats> Speakers,
    double DurationSeconds,
    double TotalSpeakingSeconds,
    TimingSource Timing)
{
    /// <summary>Statistics of the clients: every speaker but the coach, silent participants included.</summary>
    public IReadOnlyList<ParticipantStats> Clients => [.. Speakers.Where(s => !s.IsCoach)];

    /// <summary>The statistics of <paramref name="speaker"/> (by <see cref="ResolvedSpeaker.Id"/>), or null.</summary>
    public ParticipantStats? For(ResolvedSpeaker speaker) => Speakers.FirstOrDefault(s => s.Speaker.Id == speaker.Id);
}

/// <summary>
/// Speaking time, turns, questions and words per speaker. A turn lasts End − Start when both are known; with a start but no end
/// it lasts until the next turn's start (Otter exports); otherwise it is estimated from its words at
/// <see cref="WordsPerMinute"/> (0.4 s per word).
/// </summary>
public static class ParticipationCalculator
{
    /// <summary>Conversational speaking rate used when a turn has no times.</summary>
    public const double WordsPerMinute = 150;

    /// <summary>Statistics of every resolved speaker.</summary>
    public static ParticipationStats Compute(IReadOnlyList<TranscriptTurn> turns, ResolvedSpeakers resolved) =>
        Compute(turns, resolved, []);

    /// <summary>Statistics of every resolved speaker, plus zero statistics for hinted participants who never spoke.</summary>
    public static ParticipationStats Compute(
        IReadOnlyList<TranscriptTurn> turns,
        ResolvedSpeakers resolved,
        IReadOnlyList<ResolvedSpeaker> silentParticipants)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(resolved);
        silentParticipants ??= [];

        var speakers = resolved.Speakers;
        var slotOfTurn = new Dictionary<int, int>();
        for (var slot = 0; slot < speakers.Count; slot++)
        {
            foreach (var index in speakers[slot].TurnIndexes)
            {
                slotOfTurn[index] = slot;
            }
        }

        var seconds = new double[speakers.Count];
        var words = new int[speakers.Count];
        var questions = new int[speakers.Count];
        var runs = new int[speakers.Count];
        var timings = Time(turns);
        var previous = -1;
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            if (!slotOfTurn.TryGetValue(turn.Index, out var slot))
            {
                throw new ArgumentException($"Turn {turn.Index} belongs to no resolved speaker.", nameof(resolved));
            }

            seconds[slot] += timings[i].Seconds;
            words[slot] += timings[i].Words;
            questions[slot] += TextMetrics.CountQuestions(turn.Text);
            if (slot != previous)
            {
                runs[slot]++;
            }

            previous = slot;
        }

        var total = seconds.Sum();
        var stats = speakers
            .Select((s, slot) => new ParticipantStats(s, seconds[slot], total > 0 ? seconds[slot] / total : 0, runs[slot], questions[slot], words[slot]))
            .Concat(silentParticipants
                .Where(p => !speakers.Any(s => s.Id == p.Id))
                .Select(p => new ParticipantStats(p, 0, 0, 0, 0, 0)))
            .ToList();
        return new ParticipationStats(stats, Duration(turns, timings, total), total, Source(turns, timings));
    }

    private static TurnTiming[] Time(IReadOnlyList<TranscriptTurn> turns)
    {
        // The next known start after each turn, for transcripts that give starts only.
        var nextStart = new double?[turns.Count];
        double? upcoming = null;
        for (var i = turns.Count - 1; i >= 0; i--)
        {
            nextStart[i] = upcoming;
            upcoming = turns[i].Start ?? upcoming;
        }

        var timings = new TurnTiming[turns.Count];
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = turns[i];
            var words = TextMetrics.CountWords(turn.Text);
            var estimate = words * 60.0 / WordsPerMinute;
            timings[i] = turn switch
            {
                { Start: { } start, End: { } end } when end >= start => new TurnTiming(end - start, words, start, end, TurnSource.Measured),
                { Start: { } start, End: null } when nextStart[i] is { } next && next >= start => new TurnTiming(next - start, words, start, next, TurnSource.NextStart),
                { Start: { } start } => new TurnTiming(estimate, words, start, start + estimate, TurnSource.Estimated),
                { End: { } end } => new TurnTiming(estimate, words, null, end, TurnSource.Estimated),
                _ => new TurnTiming(estimate, words, null, null, TurnSource.Untimed),
            };
        }

        return timings;
    }

    private static double Duration(IReadOnlyList<TranscriptTurn> turns, TurnTiming[] timings, double totalSeconds)
    {
        var starts = timings.Where(t => t.Start is not null).Select(t => t.Start!.Value).ToList();
        var ends = timings.Where(t => t.End is not null).Select(t => t.End!.Value).ToList();
        if (turns.Count == 0 || starts.Count == 0 || ends.Count == 0)
        {
            return totalSeconds;
        }

        return Math.Max(0, ends.Max() - starts.Min());
    }

    private static TimingSource Source(IReadOnlyList<TranscriptTurn> turns, TurnTiming[] timings)
    {
        if (turns.All(t => t.Start is null && t.End is null))
        {
            return TimingSource.WordEstimate;
        }

        if (timings.All(t => t.Source == TurnSource.Measured))
        {
            return TimingSource.Timestamps;
        }

        return turns.All(t => t.Start is not null && t.End is null) ? TimingSource.StartTimesOnly : TimingSource.Mixed;
    }

    private enum TurnSource
    {
        Measured,
        NextStart,
        Estimated,
        Untimed,
    }

    private readonly record struct TurnTiming(double Seconds, int Words, double? Start, double? End, TurnSource Source);
}
