using System.Globalization;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Core.Analysis;

/// <summary>A participant's analysis after the quality gate: only grounded items, a score, and whether to look closer.</summary>
public sealed record GatedAnalysis(SummaryContent Content, ParticipantSignals Signals, double QualityScore, bool NeedsReview, int ItemsKept, int ItemsDropped);

/// <summary>
/// Keeps only what the transcript supports. An item survives when at least one of its evidence turns exists, was
/// spoken by the participant or the coach, and shares a content word with the item; evidence that fails is removed
/// from the item. Breakthrough and confusion need a turn of the participant behind them; urgency is kept regardless. The quality score is the share of items kept, lowered when the
/// analysis found nothing; a summary below the threshold, with dropped items, or with an urgent signal needs review.
/// </summary>
public static class QualityGate
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "about", "after", "again", "also", "been", "before", "being", "could", "does", "doing", "during", "each", "from",
        "have", "having", "into", "just", "like", "make", "more", "most", "much", "next", "only", "other", "over", "really",
        "same", "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "thing", "things",
        "this", "those", "through", "very", "want", "what", "when", "where", "which", "while", "will", "with", "would", "your",
        "yours", "you're", "i'll", "i'm", "going", "think", "know", "it's", "that's",
    };

    public static GatedAnalysis Apply(
        ParticipantAnalysis analysis, IReadOnlyList<TranscriptTurn> turns, IReadOnlySet<string> participantLabels,
        IReadOnlySet<string> coachLabels, double reviewThreshold)
    {
        var kept = 0;
        var dropped = 0;

        List<int>? Ground(string text, IReadOnlyList<int> evidence)
        {
            var words = ContentWords(text);
            var valid = evidence.Distinct()
                .Where(i => i >= 0 && i < turns.Count)
                .Where(i => participantLabels.Contains(turns[i].Speaker) || coachLabels.Contains(turns[i].Speaker))
                .Where(i => words.Count == 0 || words.Overlaps(ContentWords(turns[i].Text)))
                .Order()
                .ToList();
            if (valid.Count == 0)
            {
                dropped++;
                return null;
            }

            kept++;
            return valid;
        }

        List<SummaryItem> Items(IEnumerable<ExtractedItem> items) =>
            [.. items.Select(i => (i.Text, Evidence: Ground(i.Text, i.Evidence))).Where(x => x.Evidence is not null)
                .Select(x => new SummaryItem { Text = x.Text.Trim(), Evidence = x.Evidence! })];

        var content = new SummaryContent
        {
            Narrative = analysis.Narrative.Trim(),
            Bullets = [.. analysis.Bullets.Select(b => b.Trim()).Where(b => b.Length > 0)],
            Wins = Items(analysis.Wins),
            Challenges = Items(analysis.Challenges),
            Recommendations = Items(analysis.Recommendations),
            ActionItems = [.. analysis.ActionItems.Select(a => (Item: a, Evidence: Ground(a.Text, a.Evidence))).Where(x => x.Evidence is not null)
                .Select(x => new ActionItem { Text = x.Item.Text.Trim(), Owner = x.Item.Owner, Due = x.Item.Due, Evidence = x.Evidence! })],
        };

        // A signal's evidence must be a turn of the participant (the coach's worry is not the client's flag).
        List<int> Signal(IReadOnlyList<int> evidence) =>
            [.. evidence.Distinct().Where(i => i >= 0 && i < turns.Count && participantLabels.Contains(turns[i].Speaker)).Order()];
        var s = analysis.Signals;
        var urgent = Signal(s.UrgentEvidence);
        var breakthrough = Signal(s.BreakthroughEvidence);
        var confused = Signal(s.ConfusedEvidence);
        // Urgency fails safe: a health or safety flag with wrong evidence stays raised (and the summary needs review);
        // dropping it would rank the client as standard and let the draft include the details.
        var signals = new ParticipantSignals(
            s.Breakthrough && breakthrough.Count > 0, breakthrough,
            s.Urgent, urgent,
            s.Confused && confused.Count > 0, confused);

        var total = kept + dropped;
        var score = total == 0 ? 0.5 : (double)kept / total;
        score = Math.Round(score, 3);
        var needsReview = score < reviewThreshold || dropped > 0 || signals.Urgent;
        return new GatedAnalysis(content, signals, score, needsReview, kept, dropped);
    }

    /// <summary>Lower-case words of four or more letters that are not stop words, with a crude plural/ing/ed stem.</summary>
    internal static HashSet<string> ContentWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && (char.IsLetter(text[i]) || text[i] == '\'');
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var word = text[start..i].Trim('\'').ToLower(CultureInfo.InvariantCulture);
                if (word.Length >= 4 && !StopWords.Contains(word))
                {
                    words.Add(Stem(word));
                }

                start = -1;
            }
        }

        return words;
    }

    private static string Stem(string word)
    {
        foreach (var suffix in (string[])["ing", "ed", "es", "s"])
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
