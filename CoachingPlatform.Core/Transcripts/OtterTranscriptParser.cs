using System.Buffers;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Otter.ai (and Teams/Word) exports: a header line <c>Speaker Name  0:01</c> — the name, two or more spaces or a
/// tab, a time — then the paragraph(s) of that speaker until the next header. A turn ends at the next header's time;
/// the last turn has no end. Lines before the first header (title, date) are not speech and are skipped.
/// </summary>
internal static class OtterTranscriptParser
{
    private static readonly SearchValues<char> ClockChars = SearchValues.Create("0123456789:.");

    public static void Parse(ReadOnlySpan<char> text, TurnBuilder turns, TranscriptLimits limits)
    {
        var reader = new LineReader(text, limits.MaxLineLength);
        while (reader.TryRead(out var line))
        {
            turns.Line = reader.LineNumber;
            if (SpeakerLabels.IsBlank(line))
            {
                continue;
            }

            if (TryHeader(line, turns, limits, reader.LineNumber, out var name, out var time))
            {
                turns.CloseAt(time);
                turns.Begin(name, time, null);
            }
            else if (turns.IsOpen)
            {
                turns.Append(line);
            }
        }
    }

    public static bool TryHeader(
        ReadOnlySpan<char> line, TurnBuilder? known, TranscriptLimits limits, int lineNumber,
        out ReadOnlySpan<char> name, out double time)
    {
        name = default;
        time = 0;
        line = line.TrimEnd();
        if (line.Length < 5 || !char.IsAsciiDigit(line[^1]))
        {
            return false;
        }

        var timeStart = line.LastIndexOfAnyExcept(ClockChars) + 1;
        if (timeStart == 0)
        {
            return false;
        }

        var clock = line[timeStart..];
        var gap = line[..timeStart];
        var nameEnd = gap.LastIndexOfAnyExcept(SpeakerLabels.Whitespace) + 1;
        var separator = gap[nameEnd..];
        if (nameEnd == 0 || !(separator.Contains('\t') || separator.Length >= 2) || !clock.Contains(':'))
        {
            return false;
        }

        var candidate = gap[..nameEnd].Trim();
        if (!SpeakerLabels.Accept(candidate, known, limits.MaxSpeakerLength, lineNumber))
        {
            return false;
        }

        if (!Timestamps.TryParse(clock, out time))
        {
            throw TranscriptErrors.Malformed($"Line {lineNumber}: the speaker header has an invalid time; expected 0:01, 12:34 or 1:02:03.");
        }

        name = candidate;
        return true;
    }
}
