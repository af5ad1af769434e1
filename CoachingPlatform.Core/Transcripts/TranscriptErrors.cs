namespace CoachingPlatform.Core.Transcripts;

/// <summary>Factory for the parser's exceptions, so every message has the same shape and never echoes transcript text.</summary>
internal static class TranscriptErrors
{
    public static TranscriptFormatException Empty(string message) => new(TranscriptError.Empty, message);

    public static TranscriptFormatException Binary(string message) => new(TranscriptError.Binary, message);

    public static TranscriptFormatException UnknownFormat(string message) => new(TranscriptError.UnknownFormat, message);

    public static TranscriptFormatException InvalidEncoding(string message) => new(TranscriptError.InvalidEncoding, message);

    public static TranscriptFormatException InvalidDocument(string message) => new(TranscriptError.InvalidDocument, message);

    public static TranscriptFormatException TooLarge(string message) => new(TranscriptError.TooLarge, message);

    public static TranscriptFormatException Malformed(string message) => new(TranscriptError.Malformed, message);
}
