using System.Text.RegularExpressions;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>Content words of a text (lower-case, stop words dropped, light suffix stemming) for lexical comparison.</summary>
public static partial class TextWords
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "but", "for", "with", "that", "this", "then", "than", "from", "into", "about", "your", "you", "yours",
        "i'm", "i've", "i'll", "i'd", "it's", "that's", "don't", "didn't", "can't", "won't", "have", "has", "had", "was",
        "were", "are", "been", "being", "will", "would", "could", "should", "can", "just", "really", "very", "what", "when",
        "where", "which", "who", "how", "why", "there", "their", "they", "them", "our", "ours", "out", "some", "any", "all",
        "one", "our", "its", "also", "more", "most", "much", "many", "like", "get", "got", "going", "make", "made", "want",
        "know", "think", "thing", "things", "said", "say", "yeah", "okay", "well", "because", "maybe", "every", "each",
        "next", "last", "week", "day", "time", "myself", "yourself", "not", "too", "now", "here", "let's", "did", "does",
        "doing", "done", "she", "her", "his", "him", "who", "whom", "these", "those", "over", "after", "before", "until",
    };

    /// <summary>Stems of the words of at least three letters that are not stop words.</summary>
    public static IReadOnlySet<string> ContentStems(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text.Replace('\u2019', '\'').ToLowerInvariant()))
        {
            if (m.Length >= 3 && !StopWords.Contains(m.Value))
            {
                stems.Add(Stem(m.Value));
            }
        }

        return stems;
    }

    /// <summary>
    /// True when the text has a word of four letters or more that is not a stop word: "I will try." says nothing an item
    /// could stand on, and such items are dropped.
    /// </summary>
    public static bool HasContentWord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match m in Word().Matches(text.Replace('\u2019', '\'').ToLowerInvariant()))
        {
            if (m.Length >= 4 && !StopWords.Contains(m.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Strips a plural, -ing, -ed or -ly ending so "walks", "walking" and "walked" compare equal.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var suffix in (string[])["ing", "ed", "es", "ly", "s"])
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}']*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
