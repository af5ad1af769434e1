using System.Text;

namespace CoachingPlatform.Core.Analysis.OpenAI;

/// <summary>
/// Merges the analyses of the chunks of one long transcript: items that say the same thing (same words, ignoring
/// case, punctuation and spacing) become one with the union of their evidence; signals are or-ed; usage is summed.
/// </summary>
internal static class AnalysisMerger
{
    public static ParticipantAnalysis Merge(IReadOnlyList<ParticipantAnalysis> parts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var narrative = string.Join(" ", parts.Select(p => p.Narrative.Trim()).Where(n => n.Length > 0)
            .DistinctBy(Key, StringComparer.Ordinal));
        var bullets = parts.SelectMany(p => p.Bullets).DistinctBy(Key, StringComparer.Ordinal).ToArray();
        var signals = parts.Select(p => p.Signals).Aggregate((a, b) => new ParticipantSignals(
            a.Breakthrough || b.Breakthrough, Union(a.BreakthroughEvidence, b.BreakthroughEvidence),
            a.Urgent || b.Urgent, Union(a.UrgentEvidence, b.UrgentEvidence),
            a.Confused || b.Confused, Union(a.ConfusedEvidence, b.ConfusedEvidence)));
        var first = parts[0].Usage;
        var usage = first with
        {
            InputTokens = parts.Sum(p => p.Usage.InputTokens),
            OutputTokens = parts.Sum(p => p.Usage.OutputTokens),
        };

        return new ParticipantAnalysis(
            narrative,
            bullets,
            MergeItems(parts.SelectMany(p => p.Wins)),
            MergeItems(parts.SelectMany(p => p.Challenges)),
            MergeActionItems(parts.SelectMany(p => p.ActionItems)),
            MergeItems(parts.SelectMany(p => p.Recommendations)),
            signals,
            usage);
    }

    private static ExtractedItem[] MergeItems(IEnumerable<ExtractedItem> items) =>
        items.GroupBy(i => Key(i.Text), StringComparer.Ordinal)
            .Select(g => new ExtractedItem(g.First().Text, g.SelectMany(i => i.Evidence).Distinct().Order().ToArray()))
            .ToArray();

    private static ExtractedActionItem[] MergeActionItems(IEnumerable<ExtractedActionItem> items) =>
        items.GroupBy(i => Key(i.Text), StringComparer.Ordinal)
            .Select(g => new ExtractedActionItem(
                g.First().Text,
                g.Select(i => i.Owner).FirstOrDefault(o => !string.IsNullOrWhiteSpace(o)),
                g.Select(i => i.Due).FirstOrDefault(d => d is not null),
                g.SelectMany(i => i.Evidence).Distinct().Order().ToArray()))
            .ToArray();

    private static int[] Union(IReadOnlyList<int> a, IReadOnlyList<int> b) => a.Concat(b).Distinct().Order().ToArray();

    /// <summary>Letters and digits only, lower-cased, single-spaced: "Walk 3x a week." and "walk 3x a week" match.</summary>
    internal static string Key(string text)
    {
        var key = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && key.Length > 0)
                {
                    key.Append(' ');
                }

                key.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return key.ToString();
    }
}
