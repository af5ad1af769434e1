using CoachingPlatform.Core.Sessions;

namespace CoachingPlatform.Core.Analysis;

/// <summary>The band a participant falls in for the coach's review queue, most pressing first.</summary>
public enum PriorityBand
{
    Urgent,
    Breakthrough,
    SilentOrLow,
    Standard,
}

/// <summary>What the scorer looks at for one participant.</summary>
public sealed record PriorityInput(Guid ClientSessionId, string Name, bool Urgent, bool Breakthrough, bool Confused, EngagementLevel Engagement, double SpeakingShare);

/// <summary>A participant's place in the review queue.</summary>
public sealed record PriorityResult(Guid ClientSessionId, PriorityBand Band, double Score, int Rank);

/// <summary>
/// Orders the coach's review queue: urgent → breakthrough → silent/low engagement → standard (SPEC).
/// The score is the band's floor plus a position inside the band, so it sorts the same way as the bands:
/// <list type="bullet">
/// <item>urgent 0.90–1.00 (a breakthrough as well adds 0.05);</item>
/// <item>breakthrough 0.70–0.85 (more within the band for less speaking time: quiet breakthroughs are easy to miss);</item>
/// <item>silent 0.60, low 0.50–0.55;</item>
/// <item>standard 0.10–0.45: confusion adds 0.2, then less speaking time ranks higher.</item>
/// </list>
/// Ties break on speaking share (quieter first), then name, so the order is deterministic.
/// </summary>
public static class PriorityScorer
{
    public static IReadOnlyList<PriorityResult> Rank(IEnumerable<PriorityInput> participants)
    {
        var scored = participants.Select(p => (Input: p, Band: Band(p), Score: Math.Round(Score(p), 4))).ToList();
        return scored
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Input.SpeakingShare)
            .ThenBy(x => x.Input.Name, StringComparer.Ordinal)
            .Select((x, i) => new PriorityResult(x.Input.ClientSessionId, x.Band, x.Score, i + 1))
            .ToList();
    }

    public static PriorityBand Band(PriorityInput p) =>
        p.Urgent ? PriorityBand.Urgent
        : p.Breakthrough ? PriorityBand.Breakthrough
        : p.Engagement is EngagementLevel.Silent or EngagementLevel.Low ? PriorityBand.SilentOrLow
        : PriorityBand.Standard;

    private static double Score(PriorityInput p)
    {
        var quietness = 1 - Math.Clamp(p.SpeakingShare, 0, 1);
        return Band(p) switch
        {
            PriorityBand.Urgent => 0.90 + (p.Breakthrough ? 0.05 : 0) + 0.05 * quietness,
            PriorityBand.Breakthrough => 0.70 + 0.15 * quietness,
            PriorityBand.SilentOrLow => p.Engagement == EngagementLevel.Silent ? 0.60 : 0.50 + 0.05 * quietness,
            _ => 0.10 + (p.Confused ? 0.20 : 0) + 0.15 * quietness,
        };
    }
}
