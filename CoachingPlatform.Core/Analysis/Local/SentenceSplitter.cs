using System.Text.RegularExpressions;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>One sentence of a turn: the turn's index and the sentence text (trimmed, whitespace collapsed).</summary>
public sealed record TurnSentence(int TurnIndex, int Position, string Text);

/// <summary>
/// Splits turn text into sentences: at <c>. ! ?</c> (and runs of them) followed by space and an upper-case letter, digit
/// or quote, and at line breaks. Titles and common abbreviations ("Dr.", "Mr.", "e.g.") and ellipses followed by
/// lower-case text do not end a sentence.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly string[] Abbreviations =
        ["Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr", "Sr", "vs", "etc", "e.g", "i.e", "approx"];

    /// <summary>The sentences of one turn, in order.</summary>
    public static IReadOnlyList<TurnSentence> Split(int turnIndex, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<TurnSentence>();
        foreach (var line in text.Split('\n'))
        {
            var start = 0;
            foreach (Match m in Boundary().Matches(line))
            {
                var end = m.Index + m.Groups["p"].Length;
                if (IsAbbreviation(line, m.Index))
                {
                    continue;
                }

                Add(sentences, turnIndex, line[start..end]);
                start = end;
            }

            Add(sentences, turnIndex, line[start..]);
        }

        return sentences;
    }

    private static bool IsAbbreviation(string line, int dotIndex)
    {
        if (line[dotIndex] != '.')
        {
            return false;
        }

        var wordStart = dotIndex;
        while (wordStart > 0 && (char.IsLetter(line[wordStart - 1]) || line[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = line[wordStart..dotIndex];
        return Abbreviations.Any(a => string.Equals(a, word, StringComparison.OrdinalIgnoreCase)) ||
               (word.Length == 1 && char.IsUpper(word[0]));
    }

    private static void Add(List<TurnSentence> sentences, int turnIndex, string raw)
    {
        var text = Whitespace().Replace(raw, " ").Trim();
        if (text.Length > 0 && text.Any(char.IsLetterOrDigit))
        {
            sentences.Add(new TurnSentence(turnIndex, sentences.Count, text));
        }
    }

    [GeneratedRegex(@"(?<p>[.!?\u2026]+[""'\u201D\u2019)]?)(?=\s+[""'\u201C\u2018(]?[\p{Lu}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
