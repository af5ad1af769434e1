using System.Text.RegularExpressions;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Analysis.Local;

/// <summary>
/// The evaluation's grounding check, written independently of the analyser: every evidence turn exists and is the
/// participant's or the coach's, and together they contain at least one content word of the item.
/// </summary>
internal static partial class Grounding
{
    private static readonly HashSet<string> StopWords =
    [
        "about", "after", "again", "also", "because", "been", "before", "being", "could", "does", "doing", "done", "each",
        "every", "from", "have", "here", "into", "just", "like", "more", "most", "much", "really", "should", "some", "than",
        "that", "their", "them", "then", "there", "these", "they", "this", "those", "until", "very", "want", "were", "what",
        "when", "where", "which", "while", "will", "with", "would", "your", "yours", "you'll", "you're", "that's", "it's",
    ];

    public static IEnumerable<(string Category, string Text, IReadOnlyList<int> Evidence)> Items(ParticipantAnalysis a) =>
        a.Wins.Select(i => ("win", i.Text, i.Evidence))
            .Concat(a.Challenges.Select(i => ("challenge", i.Text, i.Evidence)))
            .Concat(a.ActionItems.Select(i => ("action", i.Text, i.Evidence)))
            .Concat(a.Recommendations.Select(i => ("recommendation", i.Text, i.Evidence)));

    public static bool IsGrounded(string text, IReadOnlyList<int> evidence, ParticipantAnalysisRequest request)
    {
        if (evidence.Count == 0)
        {
            return false;
        }

        var allowed = request.ParticipantLabels.Concat(request.CoachLabels).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var turnWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in evidence)
        {
            if (index < 0 || index >= request.Turns.Count || !allowed.Contains(request.Turns[index].Speaker))
            {
                return false;
            }

            turnWords.UnionWith(ContentWords(request.Turns[index].Text));
        }

        return ContentWords(text).Any(turnWords.Contains);
    }

    /// <summary>Lower-case words of four letters or more, stop words dropped.</summary>
    public static IEnumerable<string> ContentWords(string text) =>
        Word().Matches(text.Replace('\u2019', '\'').ToLowerInvariant())
            .Select(m => m.Value.Trim('\''))
            .Where(w => w.Length >= 4 && !StopWords.Contains(w));

    public static bool SignalsGrounded(ParticipantSignals s, ParticipantAnalysisRequest request)
    {
        var mine = request.ParticipantLabels.ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Own(IReadOnlyList<int> turns) => turns.All(i => i >= 0 && i < request.Turns.Count && mine.Contains(request.Turns[i].Speaker));
        return s.Urgent == (s.UrgentEvidence.Count > 0) && s.Breakthrough == (s.BreakthroughEvidence.Count > 0) &&
               s.Confused == (s.ConfusedEvidence.Count > 0) &&
               Own(s.UrgentEvidence) && Own(s.BreakthroughEvidence) && Own(s.ConfusedEvidence);
    }

    public static TranscriptTurn Turn(int index, string speaker, string text) => new(index, speaker, null, null, text);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}']*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
