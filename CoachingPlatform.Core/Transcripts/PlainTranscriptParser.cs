namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Plain text: <c>Name: words</c> lines, optionally led by a time (<c>[00:01:02]</c>, <c>(00:01)</c> or a bare
/// <c>00:01:02</c>), or by a time alone on the line before. A line without a label continues the previous turn; text before the first label (a title) is
/// skipped. With times, a turn ends where the next timed turn starts.
/// </summary>
internal static class PlainTranscriptParser
{
    public static void Parse(ReadOnlySpan<char> text, TurnBuilder turns, TranscriptLimits limits)
    {
        var reader = new LineReader(text, limits.MaxLineLength);
        double? pendingTime = null;
        while (reader.TryRead(out var line))
        {
            turns.Line = reader.LineNumber;
            if (SpeakerLabels.IsBlank(line))
            {
                continue;
            }

            if (TryLabelLine(line, turns, limits, reader.LineNumber, out var time, out var label, out var rest, out var timeOnly))
            {
                time ??= pendingTime;
                pendingTime = null;
                if (time is { } t)
                {
                    turns.CloseAt(t);
                }

                turns.Begin(label, time, null);
                turns.Append(rest);
            }
            else if (timeOnly)
            {
                pendingTime = time; // "[00:01:02]" on its own line times the next labelled line
            }
            else if (turns.IsOpen)
            {
                turns.Append(line);
            }
        }
    }

    /// <summary>
    /// Reads an optional leading time and a <c>Name:</c> label. A bracketed time that is not a valid time is an error
    /// (it was clearly meant as one); a bare leading number is only taken as a time when a label follows it.
    /// </summary>
    public static bool TryLabelLine(
        ReadOnlySpan<char> line, TurnBuilder? known, TranscriptLimits limits, int lineNumber,
        out double? time, out ReadOnlySpan<char> label, out ReadOnlySpan<char> rest, out bool timeOnly)
    {
        time = null;
        timeOnly = false;
        label = default;
        rest = default;
        var s = line.TrimStart();
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[0] is '[' or '(')
        {
            var close = s[..Math.Min(s.Length, 20)].IndexOf(s[0] == '[' ? ']' : ')');
            if (close > 1 && Timestamps.LooksLikeTime(s[1..close]))
            {
                if (!Timestamps.TryParse(s[1..close], out var t))
                {
                    throw TranscriptErrors.Malformed($"Line {lineNumber}: invalid time; expected [00:01:02] or (01:02).");
                }

                time = t;
                s = s[(close + 1)..].TrimStart();
                if (s.IsEmpty)
                {
                    timeOnly = true;
                    return false;
                }
            }
        }
        else if (char.IsAsciiDigit(s[0]))
        {
            // A time alone on its line (Google Meet writes one every few minutes) times the next labelled line.
            var whole = s.TrimEnd();
            if (Timestamps.LooksLikeTime(whole) && Timestamps.TryParse(whole, out var alone))
            {
                time = alone;
                timeOnly = true;
                return false;
            }

            var end = s.IndexOfAny(SpeakerLabels.Whitespace);
            if (end > 0 && Timestamps.LooksLikeTime(s[..end]) && Timestamps.TryParse(s[..end], out var t)
                && SpeakerLabels.TrySplitColonLabel(s[end..].TrimStart(), known, limits.MaxSpeakerLength, lineNumber, out label, out rest))
            {
                time = t;
                return true;
            }

            return false;
        }

        return SpeakerLabels.TrySplitColonLabel(s, known, limits.MaxSpeakerLength, lineNumber, out label, out rest);
    }
}
