using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CoachingPlatform.Core.Participants;

/// <summary>
/// A speaker label (or client name, or participant hint) in three forms:
/// <see cref="Display"/> as written, <see cref="PersonName"/> for showing a person, and
/// <see cref="Key"/> for comparing names. Parse with <see cref="Parse"/>; equality is by <see cref="Display"/>.
/// </summary>
public sealed partial record SpeakerName
{
    // Leading honorifics. A name made only of these ("Coach") keeps them, so it still has a key.
    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "coach", "sir", "madam",
    };

    // Trailing credentials and generational suffixes: "Anna Lee, PhD" and "John Smith Jr." are still Lee and Smith.
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "phd", "md", "mba", "rn", "lcsw", "lpc", "psyd", "dphil", "pcc", "acc", "mcc", "jr", "sr", "ii", "iii", "iv",
    };

    private SpeakerName(string display, string personName, string key, IReadOnlyList<string> tokens)
    {
        Display = display;
        PersonName = personName;
        Key = key;
        Tokens = tokens;
    }

    /// <summary>The label trimmed, internal whitespace collapsed to one space; case, titles, diacritics and suffixes kept.</summary>
    public string Display { get; }

    /// <summary>
    /// <see cref="Display"/> without conferencing decorations ("(she/her)", "(Host)", " - iPhone", "'s iPad")
    /// and with "Last, First" put back in order; case, titles and diacritics kept. What the UI shows for a person.
    /// </summary>
    public string PersonName { get; }

    /// <summary>
    /// The comparison key: <see cref="PersonName"/> case-folded, diacritics removed, leading titles and trailing credentials removed,
    /// punctuation other than hyphen and apostrophe removed, tokens joined by one space ("Dr. Zoë  O’Brien-Lee" → "zoe o'brien-lee").
    /// </summary>
    public string Key { get; }

    /// <summary>The tokens of <see cref="Key"/>, in order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The first token of the key, or null for an empty name.</summary>
    public string? FirstName => Tokens.Count > 0 ? Tokens[0] : null;

    /// <summary>The last token of the key when there are at least two tokens, else null.</summary>
    public string? LastName => Tokens.Count > 1 ? Tokens[^1] : null;

    /// <summary>True when the key is one token ("Lee", "Dr. Lee", "Maria").</summary>
    public bool IsSingleToken => Tokens.Count == 1;

    /// <summary>True when the name has no key (an empty or punctuation-only label).</summary>
    public bool IsEmpty => Tokens.Count == 0;

    /// <summary>Parses a label, client name or hint. Never throws; null or blank gives an empty name.</summary>
    public static SpeakerName Parse(string? label)
    {
        var display = CollapseWhitespace(label ?? string.Empty);
        var person = ToPersonName(display);
        var tokens = KeyTokens(person);
        return new SpeakerName(display, person, string.Join(' ', tokens), tokens);
    }

    /// <summary>The comparison key of <paramref name="name"/>; the value stored as a client's normalised name.</summary>
    public static string ToKey(string? name) => Parse(name).Key;

    /// <inheritdoc/>
    public bool Equals(SpeakerName? other) => other is not null && string.Equals(Display, other.Display, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Display);

    /// <inheritdoc/>
    public override string ToString() => Display;

    private static string CollapseWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            // Zero-width and other format characters (BOM, ZWSP) are invisible in a label and would split keys.
            if (char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string ToPersonName(string display)
    {
        var name = BracketedPart().Replace(display, " ");
        name = UnclosedBracket().Replace(name, string.Empty);
        name = DeviceSuffix().Replace(name, string.Empty);
        name = PossessiveDevice().Replace(name, string.Empty);
        name = CollapseWhitespace(name).Trim(' ', ',', ';', ':', '|', '-', '\u2013', '\u2014');
        name = ReorderInverted(name);
        return name.Length == 0 ? display : name;
    }

    // "Lee, Anna" → "Anna Lee"; "Anna Lee, PhD" keeps its order (the part after the comma is a credential).
    private static string ReorderInverted(string name)
    {
        var parts = name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        while (parts.Count > 1 && IsSuffixOnly(parts[^1]))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts.Count switch
        {
            0 => string.Empty,
            1 => parts[0],
            2 => parts[1] + " " + parts[0],
            _ => string.Join(' ', parts),
        };
    }

    private static bool IsSuffixOnly(string part)
    {
        var tokens = RawTokens(part);
        return tokens.Count > 0 && tokens.TrueForAll(Suffixes.Contains);
    }

    private static List<string> KeyTokens(string personName)
    {
        var tokens = RawTokens(personName);
        while (tokens.Count > 1 && Titles.Contains(tokens[0]))
        {
            tokens.RemoveAt(0);
        }

        while (tokens.Count > 1 && Suffixes.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        return tokens;
    }

    // Folded tokens: diacritics stripped, lower-cased, every character other than a letter, digit, hyphen or apostrophe a separator.
    private static List<string> RawTokens(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                current.Append(FoldLetter(c));
            }
            else if (c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4')
            {
                current.Append('\'');
            }
            else if (c is '-' or '\u2010' or '\u2011' or '\u2013')
            {
                current.Append('-');
            }
            else
            {
                Flush(current, tokens);
            }
        }

        Flush(current, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder current, List<string> tokens)
    {
        var token = current.ToString().Trim('-', '\'');
        current.Clear();
        if (token.Length > 0)
        {
            tokens.Add(token);
        }
    }

    // Letters FormD does not decompose into base + mark.
    private static string FoldLetter(char c) => c switch
    {
        'ø' => "o",
        'ł' => "l",
        'đ' or 'ð' => "d",
        'þ' => "th",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ı' => "i",
        _ => c.ToString(),
    };

    [GeneratedRegex(@"\s*[\(\[\{][^\)\]\}]*[\)\]\}]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BracketedPart();

    [GeneratedRegex(@"\s*[\(\[\{][^\)\]\}]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnclosedBracket();

    // Zoom/Teams device suffixes: "Anna Lee - iPhone", "Anna Lee – Work laptop". A hyphen inside a name has no spaces around it.
    [GeneratedRegex(@"\s+[-\u2013\u2014]\s+.*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DeviceSuffix();

    // "Anna's iPhone" is Anna.
    [GeneratedRegex(@"['\u2019]s\s+(iphone|ipad|android|phone|galaxy|pixel|macbook|laptop|pc|computer|mac|surface)\b.*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PossessiveDevice();
}
