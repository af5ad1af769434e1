using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Decides whether the text before a colon (or an Otter header's time) is a speaker's name. The rule, also in
/// docs/transcripts.md: a label already used as a speaker is always accepted; a new one must look like a name —
/// 1 to 6 words, starting with a letter that is not lower case, made of letters, digits, spaces and <c>.-'’_&amp;()/#+</c>,
/// with a period only after an initial or a title (<c>J.</c>, <c>Dr.</c>), and not a common non-speaker heading
/// ("Note", "Action items", "Step 2", ...). Names keep their case and diacritics; nothing is normalised here.
/// </summary>
internal static class SpeakerLabels
{
    public enum Verdict
    {
        No,
        Yes,
        TooLong,
    }

    internal static readonly SearchValues<char> Whitespace = SearchValues.Create(
        " \t\n\v\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNames = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        [
            "Note", "Notes", "NB", "PS", "FYI", "Re", "Subject", "Example", "Examples", "Tip", "Tips", "Warning",
            "Important", "Reminder", "Update", "Todo", "To do", "Action", "Actions", "Action item", "Action items",
            "Next step", "Next steps", "Homework", "Goal", "Goals", "Objective", "Objectives", "Outcome", "Outcomes",
            "Result", "Results", "Agenda", "Summary", "Title", "Topic", "Transcript", "Session", "Meeting", "Date",
            "Time", "Location", "Duration", "Recorded", "Recording", "Attendees", "Participants", "Present", "Absent",
            "Question", "Questions", "Answer", "Definition", "Takeaway", "Takeaways", "Key takeaway", "Quote",
            "Source", "Link", "Email", "Phone", "Address", "Because", "But", "And", "So", "Also", "However", "Then",
            "Well", "Ok", "Okay", "Yes", "No", "First", "Second", "Third", "Finally", "Why", "What", "How", "Where",
            "When", "Who",
        ]).GetAlternateLookup<ReadOnlySpan<char>>();

    // "Step 2:", "Week 3:" are list headings, not people.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NumberedHeadings = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        ["Step", "Week", "Day", "Part", "Option", "Item", "Point", "Phase", "Round", "Question", "Slide", "Chapter", "Section", "Exercise"])
        .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Titles = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        ["Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Rev", "Fr", "Jr", "Sr", "St", "Sgt", "Capt", "Col", "Lt", "Gen", "Hon", "Hr", "Mme", "Mlle", "Dra", "Sra", "Srta"])
        .GetAlternateLookup<ReadOnlySpan<char>>();

    public static Verdict Classify(ReadOnlySpan<char> label, int maxLength)
    {
        label = label.Trim();
        if (label.IsEmpty || !char.IsLetter(label[0]) || char.IsLower(label[0]))
        {
            return Verdict.No;
        }

        var words = 1;
        var pieceStart = 0; // start of the current word, or of the part after the last period in it
        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            if (c == ' ')
            {
                if (label[i - 1] != ' ' && ++words > 6)
                {
                    return Verdict.No;
                }

                pieceStart = i + 1;
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                continue;
            }

            switch (c)
            {
                case '-' or '\'' or '\u2019' or '_' or '&' or '(' or ')' or '/' or '#' or '+':
                    continue;
                case '.':
                    var piece = label[pieceStart..i];
                    var initial = piece.Length == 1 && char.IsLetter(piece[0]);
                    if (!initial && !Titles.Contains(piece))
                    {
                        return Verdict.No;
                    }

                    if (i + 1 < label.Length && label[i + 1] != ' ' && !char.IsLetter(label[i + 1]))
                    {
                        return Verdict.No;
                    }

                    pieceStart = i + 1;
                    continue;
                default:
                    var category = CharUnicodeInfo.GetUnicodeCategory(c);
                    if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
                    {
                        continue;
                    }

                    return Verdict.No;
            }
        }

        if (NotNames.Contains(label) || IsNumberedHeading(label))
        {
            return Verdict.No;
        }

        return label.Length > maxLength ? Verdict.TooLong : Verdict.Yes;
    }

    private static bool IsNumberedHeading(ReadOnlySpan<char> label)
    {
        var space = label.IndexOf(' ');
        if (space < 0)
        {
            return false;
        }

        var rest = label[(space + 1)..].TrimStart(' ');
        return NumberedHeadings.Contains(label[..space]) && !rest.IsEmpty && rest.IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>
    /// Splits <c>Name: words</c> into the label and the words. The colon must not be followed by a digit or a slash
    /// (a clock time or a URL). A known speaker label is accepted whatever it looks like.
    /// </summary>
    public static bool TrySplitColonLabel(
        ReadOnlySpan<char> line, TurnBuilder? known, int maxLength, int lineNumber,
        out ReadOnlySpan<char> label, out ReadOnlySpan<char> rest)
    {
        label = default;
        rest = default;
        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        if (colon + 1 < line.Length && (char.IsAsciiDigit(line[colon + 1]) || line[colon + 1] == '/'))
        {
            return false;
        }

        var candidate = line[..colon].Trim();
        if (!Accept(candidate, known, maxLength, lineNumber))
        {
            return false;
        }

        label = candidate;
        rest = line[(colon + 1)..];
        return true;
    }

    /// <summary>Known speaker, or a new label that passes <see cref="Classify"/>; a name-shaped label over the limit is an error.</summary>
    public static bool Accept(ReadOnlySpan<char> candidate, TurnBuilder? known, int maxLength, int lineNumber)
    {
        if (candidate.IsEmpty)
        {
            return false;
        }

        if (known is not null && known.IsKnownSpeaker(candidate))
        {
            return true;
        }

        return Classify(candidate, maxLength) switch
        {
            Verdict.Yes => true,
            Verdict.TooLong => throw TranscriptErrors.TooLarge(
                $"Line {lineNumber}: the speaker label is {candidate.Length} characters long; the limit (MaxSpeakerLength) is {maxLength}."),
            _ => false,
        };
    }

    public static bool IsBlank(ReadOnlySpan<char> line) => line.IndexOfAnyExcept(Whitespace) < 0;
}
