using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Removes one person from a transcript for erasure: their turns keep their place and times (so the turn indexes other
/// clients' summaries cite stay valid) but lose their words and name, and their names and aliases are blanked wherever
/// others said them. The result is JSON turns, which <see cref="TranscriptParser"/> reads back unchanged.
/// </summary>
public static class TranscriptRedactor
{
    public const string RemovedText = "[removed at the client's request]";
    public const string RemovedName = "[name removed]";
    private const string ErasedSpeakerPrefix = "Erased participant";

    /// <summary>Limits for re-reading stored transcripts: they passed the upload limits once, whatever those are now.</summary>
    public static readonly TranscriptLimits StoredLimits = TranscriptLimits.Default with
    {
        MaxSpeakers = 100_000,
        MaxTurns = 10_000_000,
        MaxLineLength = 100_000_000,
        MaxSpeakerLength = 10_000,
    };

    /// <summary>True for the speaker label an erased person's turns carry.</summary>
    public static bool IsErasedLabel(string label) => label.StartsWith(ErasedSpeakerPrefix, StringComparison.Ordinal);

    /// <summary>Blanks whole-word occurrences of <paramref name="names"/> in free text (titles, file names).</summary>
    public static string RedactNames(string text, IEnumerable<string> names) => NamePattern(names)?.Replace(text, RemovedName) ?? text;

    public static byte[] Redact(ParsedTranscript transcript, IReadOnlySet<string> speakerLabels, IEnumerable<string> names)
    {
        // Each erasure gets its own label, so two erased people never merge into one speaker when read back.
        var erasedBefore = transcript.Turns.Select(t => t.Speaker).Distinct(StringComparer.Ordinal)
            .Count(s => s.StartsWith(ErasedSpeakerPrefix, StringComparison.Ordinal));
        var erasedLabel = $"{ErasedSpeakerPrefix} {erasedBefore + 1}";
        var mentions = NamePattern(names.Concat(speakerLabels));

        var turns = transcript.Turns.Select(t => speakerLabels.Contains(t.Speaker)
            ? new JsonTurn(erasedLabel, t.Start, t.End, RemovedText)
            : new JsonTurn(t.Speaker, t.Start, t.End, mentions?.Replace(t.Text, RemovedName) ?? t.Text));
        return JsonSerializer.SerializeToUtf8Bytes(turns, Options);
    }

    private static Regex? NamePattern(IEnumerable<string> names)
    {
        var alternatives = names.Select(n => n.Trim()).Where(n => n.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.Length).Select(Regex.Escape).ToList();
        return alternatives.Count == 0
            ? null
            : new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record JsonTurn(string Speaker, double? Start, double? End, string Text);
}
