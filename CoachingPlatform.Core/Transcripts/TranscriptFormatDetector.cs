namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Picks the layout of decoded text from its content; the file name only breaks a tie (a headerless cue file named
/// .vtt or .srt, a JSON-looking file named .json). See docs/transcripts.md "Detection".
/// </summary>
internal static class TranscriptFormatDetector
{
    private const int LinesToSample = 200;

    public static TranscriptFormat Detect(ReadOnlySpan<char> text, string? fileName, TranscriptLimits limits, bool allowJson)
    {
        var extension = Path.GetExtension(fileName ?? "").ToUpperInvariant();
        var t = text.TrimStart().TrimStart('\uFEFF');
        if (t.IsEmpty)
        {
            throw TranscriptErrors.Empty("The file contains only whitespace.");
        }

        if (t.StartsWith("WEBVTT", StringComparison.Ordinal) && (t.Length == 6 || t[6] is ' ' or '\t' or '\r' or '\n'))
        {
            return TranscriptFormat.WebVtt;
        }

        if (t.StartsWith(@"{\rtf", StringComparison.Ordinal))
        {
            if (allowJson && extension == ".JSON")
        {
            return TranscriptFormat.Json; // named .json but not turns: the JSON reader says what is wrong with it
        }

        throw TranscriptErrors.UnknownFormat("RTF documents are not supported; save the transcript as .docx or plain text.");
        }

        if (allowJson && t[0] is '[' or '{')
        {
            var next = t[1..].TrimStart();
            var jsonStart = next.IsEmpty
                || (t[0] == '[' ? next[0] is '{' or ']' : next[0] is '"' or '}')
                || extension == ".JSON";
            if (jsonStart)
            {
                return TranscriptFormat.Json;
            }
        }

        var reader = new LineReader(text, limits.MaxLineLength);
        int otterHeaders = 0, labelLines = 0, sampled = 0;
        var previousIsNumber = false;
        while (sampled < LinesToSample && reader.TryRead(out var line))
        {
            if (SpeakerLabels.IsBlank(line))
            {
                continue;
            }

            sampled++;
            var arrow = line.IndexOf("-->");
            if (arrow > 0 && char.IsAsciiDigit(line.TrimStart()[0]))
            {
                return extension switch
                {
                    ".SRT" => TranscriptFormat.Srt,
                    ".VTT" => TranscriptFormat.WebVtt,
                    // SRT writes milliseconds after a comma and numbers its cues; WebVTT uses a dot.
                    _ => line[..arrow].Contains(',') || (previousIsNumber && !line[..arrow].Contains('.'))
                        ? TranscriptFormat.Srt
                        : TranscriptFormat.WebVtt,
                };
            }

            previousIsNumber = line.Trim().IndexOfAnyExceptInRange('0', '9') < 0;
            if (OtterTranscriptParser.TryHeader(line, null, limits, reader.LineNumber, out _, out _))
            {
                otterHeaders++;
            }
            else if (PlainTranscriptParser.TryLabelLine(line, null, limits, reader.LineNumber, out _, out _, out _, out _))
            {
                labelLines++;
            }
        }

        if (otterHeaders > 0 && otterHeaders >= labelLines)
        {
            return TranscriptFormat.Otter;
        }

        if (labelLines > 0)
        {
            return TranscriptFormat.PlainText;
        }

        if (allowJson && extension == ".JSON")
        {
            return TranscriptFormat.Json; // named .json but not turns: the JSON reader says what is wrong with it
        }

        throw TranscriptErrors.UnknownFormat(
            "No transcript layout recognised: expected 'Name: words' lines, WebVTT or SRT captions, Otter-style 'Name  0:01' headers, JSON turns or a .docx.");
    }
}
