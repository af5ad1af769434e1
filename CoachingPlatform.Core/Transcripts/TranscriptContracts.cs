namespace CoachingPlatform.Core.Transcripts;

/// <summary>The transcript formats the platform reads; detected from content, not only the file name.</summary>
public enum TranscriptFormat
{
    PlainText,
    WebVtt,
    Srt,
    Otter,
    Docx,
    Json,
}

/// <summary>One speaker turn. <see cref="Start"/>/<see cref="End"/> are seconds from the start, null when the format has no times.</summary>
public sealed record TranscriptTurn(int Index, string Speaker, double? Start, double? End, string Text);

/// <summary>A parsed transcript: ordered turns (indexes 0..n-1) and the format it was read as.</summary>
public sealed record ParsedTranscript(TranscriptFormat Format, IReadOnlyList<TranscriptTurn> Turns);

/// <summary>Why a transcript was refused; the API maps each to a status code and a problem <c>code</c>.</summary>
public enum TranscriptError
{
    /// <summary>No content, or no speaker turns in it (400).</summary>
    Empty,
    /// <summary>Binary data that is not a supported document (415).</summary>
    Binary,
    /// <summary>Text, but in none of the supported layouts (415).</summary>
    UnknownFormat,
    /// <summary>Bytes that are not valid in any supported text encoding (400).</summary>
    InvalidEncoding,
    /// <summary>A .docx that is not a valid zip/OpenXML package, or whose expansion exceeds the limits (400).</summary>
    InvalidDocument,
    /// <summary>Over a parsing limit: too many speakers, turns, or a line too long (400/413).</summary>
    TooLarge,
    /// <summary>Recognised format with malformed content (bad timestamps, bad JSON) (400).</summary>
    Malformed,
}

/// <summary>Thrown by the parsers; <see cref="Error"/> says which kind of bad input it was, the message says where.</summary>
public sealed class TranscriptFormatException(TranscriptError error, string message) : Exception(message)
{
    public TranscriptError Error { get; } = error;
}

/// <summary>Bounds that keep a hostile or broken upload from exhausting memory or CPU.</summary>
public sealed record TranscriptLimits
{
    public static readonly TranscriptLimits Default = new();

    /// <summary>Distinct speaker labels allowed in one transcript.</summary>
    public int MaxSpeakers { get; init; } = 200;

    public int MaxTurns { get; init; } = 100_000;

    /// <summary>Longest single line, in characters.</summary>
    public int MaxLineLength { get; init; } = 100_000;

    /// <summary>Most bytes a .docx may expand to (zip-bomb guard).</summary>
    public long MaxDocxExpandedBytes { get; init; } = 50 * 1024 * 1024;

    /// <summary>Longest speaker label, in characters.</summary>
    public int MaxSpeakerLength { get; init; } = 100;
}
