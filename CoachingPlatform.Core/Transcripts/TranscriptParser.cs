using System.Buffers;
using System.Text;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Reads an uploaded transcript in any supported format into ordered speaker turns. The format is detected from the
/// content (the file name only breaks ties); bad input raises <see cref="TranscriptFormatException"/> with a
/// <see cref="TranscriptError"/> the API maps to a 4xx. Pure and thread-safe. Rules: docs/transcripts.md.
/// </summary>
public static class TranscriptParser
{
    /// <summary>Reads the whole stream (from its current position) and parses it.</summary>
    public static ParsedTranscript Parse(Stream content, string? fileName, TranscriptLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            var start = (int)memory.Position;
            return Parse(buffer.AsMemory(start, buffer.Count - start), fileName, limits);
        }

        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return Parse(copy.GetBuffer().AsMemory(0, (int)copy.Length), fileName, limits);
    }

    /// <summary>Reads the whole stream asynchronously (for request bodies that forbid synchronous I/O), then parses it.</summary>
    public static async Task<ParsedTranscript> ParseAsync(
        Stream content, string? fileName, TranscriptLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return Parse(copy.GetBuffer().AsMemory(0, (int)copy.Length), fileName, limits);
    }

    /// <summary>Parses a transcript held in memory.</summary>
    /// <param name="content">The file's bytes, in any supported encoding.</param>
    /// <param name="fileName">The uploaded name; only its extension is used, as a tie-break hint.</param>
    /// <param name="limits">Bounds on speakers, turns, line length and .docx expansion.</param>
    /// <exception cref="TranscriptFormatException">The input is empty, binary, undecodable, unrecognised, malformed or over a limit.</exception>
    public static ParsedTranscript Parse(ReadOnlyMemory<byte> content, string? fileName, TranscriptLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var bytes = content.Span;
        if (bytes.IsEmpty)
        {
            throw TranscriptErrors.Empty("The file is empty.");
        }

        if (DocxTextExtractor.IsZip(bytes))
        {
            var text = DocxTextExtractor.Extract(content, limits);
            return ParseText(text, ReadOnlyMemory<byte>.Empty, fileName: null, limits, container: TranscriptFormat.Docx);
        }

        if (string.Equals(Path.GetExtension(fileName), ".docx", StringComparison.OrdinalIgnoreCase))
        {
            throw TranscriptErrors.InvalidDocument("The .docx file is not a zip archive, so it is not a Word document.");
        }

        if (KnownBinaryKind(bytes) is { } kind)
        {
            throw TranscriptErrors.Binary($"The file is {kind}, not a transcript.");
        }

        using var decoded = TranscriptDecoder.Decode(content);
        return ParseText(decoded.Text, decoded.Utf8Source, fileName, limits, container: null);
    }

    private static ParsedTranscript ParseText(
        ReadOnlySpan<char> text, ReadOnlyMemory<byte> utf8, string? fileName, TranscriptLimits limits, TranscriptFormat? container)
    {
        if (text.IndexOfAnyExcept(SpeakerLabels.Whitespace) < 0 || text.TrimStart('\uFEFF').IsEmpty)
        {
            throw TranscriptErrors.Empty(container is null ? "The file contains only whitespace." : "The document contains no text.");
        }

        var format = TranscriptFormatDetector.Detect(text, fileName, limits, allowJson: container is null);
        using var turns = new TurnBuilder(limits);
        switch (format)
        {
            case TranscriptFormat.WebVtt:
            case TranscriptFormat.Srt:
                CueTranscriptParser.Parse(text, format == TranscriptFormat.WebVtt, turns, limits);
                break;
            case TranscriptFormat.Otter:
                OtterTranscriptParser.Parse(text, turns, limits);
                break;
            case TranscriptFormat.Json:
                ParseJson(text, utf8, turns, limits);
                break;
            default:
                PlainTranscriptParser.Parse(text, turns, limits);
                break;
        }

        return turns.Build(container ?? format);
    }

    private static void ParseJson(ReadOnlySpan<char> text, ReadOnlyMemory<byte> utf8, TurnBuilder turns, TranscriptLimits limits)
    {
        if (!utf8.IsEmpty)
        {
            JsonTranscriptParser.Parse(utf8.Span, turns, limits);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, rented);
            JsonTranscriptParser.Parse(rented.AsSpan(0, length), turns, limits);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    // Common uploads by mistake: say what they are rather than "binary".
    private static string? KnownBinaryKind(ReadOnlySpan<byte> b) => b switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "a PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "a GIF image",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => "a PDF document (export the transcript as text or .docx)",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => "a legacy Word/Office document (.doc); save it as .docx",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', ..] => "an audio or video file (RIFF)",
        [(byte)'I', (byte)'D', (byte)'3', ..] => "an MP3 audio file",
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => "an MP4/M4A media file",
        [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => "an Ogg media file",
        [0x1A, 0x45, 0xDF, 0xA3, ..] => "a WebM/Matroska media file",
        [0x1F, 0x8B, ..] => "a gzip archive",
        _ => null,
    };
}
