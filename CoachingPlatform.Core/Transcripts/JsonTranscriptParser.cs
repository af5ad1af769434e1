using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// JSON turns: <c>[{"speaker": "...", "start": 1.5, "end": 3.0, "text": "..."}]</c> or <c>{"turns": [...]}</c>.
/// Property names are case-insensitive (<c>name</c> is accepted for <c>speaker</c>); <c>start</c>/<c>end</c> are
/// optional, seconds as numbers or <c>"hh:mm:ss.fff"</c> strings; other properties are ignored. Read with a
/// streaming reader and a nesting limit, so a hostile document cannot blow the stack or memory.
/// </summary>
internal sealed class JsonTranscriptParser : IDisposable
{
    private const int MaxDepth = 16;

    private readonly TurnBuilder _turns;
    private readonly TranscriptLimits _limits;
    private char[] _speaker = ArrayPool<char>.Shared.Rent(256);
    private char[] _text = ArrayPool<char>.Shared.Rent(4096);

    private JsonTranscriptParser(TurnBuilder turns, TranscriptLimits limits)
    {
        _turns = turns;
        _limits = limits;
    }

    public static void Parse(ReadOnlySpan<byte> utf8, TurnBuilder turns, TranscriptLimits limits)
    {
        using var parser = new JsonTranscriptParser(turns, limits);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = MaxDepth,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            parser.ReadDocument(ref reader);
        }
        catch (JsonException e)
        {
            throw TranscriptErrors.Malformed($"Line {(e.LineNumber ?? 0) + 1}: not valid JSON ({Describe(e)}).");
        }
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_speaker, clearArray: true);
        ArrayPool<char>.Shared.Return(_text, clearArray: true);
        _speaker = _text = [];
    }

    // JsonException messages quote the offending token, which is transcript content; keep only the kind of error.
    private static string Describe(JsonException e) =>
        e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? $"nested deeper than {MaxDepth} levels" : "syntax error";

    private void ReadDocument(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw TranscriptErrors.Empty("The JSON document is empty.");
        }

        if (reader.TokenType == JsonTokenType.StartArray)
        {
            ReadTurns(ref reader);
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!found && NameIs(ref reader, "turns"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Shape("'turns' must be an array of turn objects");
                    }

                    ReadTurns(ref reader);
                    found = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!found)
            {
                throw Shape("expected an array of turns, or an object with a 'turns' array");
            }
        }
        else
        {
            throw Shape("expected an array of turns, or an object with a 'turns' array");
        }

        if (reader.Read())
        {
            throw Shape("unexpected content after the transcript");
        }
    }

    private void ReadTurns(ref Utf8JsonReader reader)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            index++;
            _turns.Line = index;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Shape($"turn {index} is not an object");
            }

            ReadTurn(ref reader, index);
        }
    }

    private void ReadTurn(ref Utf8JsonReader reader, int index)
    {
        var speakerLength = -1;
        var textLength = -1;
        double? start = null, end = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (NameIs(ref reader, "speaker"u8) || NameIs(ref reader, "name"u8))
            {
                reader.Read();
                speakerLength = ReadString(ref reader, ref _speaker, index, "speaker");
            }
            else if (NameIs(ref reader, "text"u8))
            {
                reader.Read();
                textLength = reader.TokenType == JsonTokenType.Null ? 0 : ReadString(ref reader, ref _text, index, "text");
            }
            else if (NameIs(ref reader, "start"u8))
            {
                reader.Read();
                start = ReadTime(ref reader, index, "start");
            }
            else if (NameIs(ref reader, "end"u8))
            {
                reader.Read();
                end = ReadTime(ref reader, index, "end");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (speakerLength <= 0 || _speaker.AsSpan(0, speakerLength).IndexOfAnyExcept(SpeakerLabels.Whitespace) < 0)
        {
            throw Shape($"turn {index} has no 'speaker'");
        }

        if (textLength < 0)
        {
            throw Shape($"turn {index} has no 'text'");
        }

        if (start is { } s && end is { } e && e < s)
        {
            throw TranscriptErrors.Malformed($"Turn {index}: 'end' is before 'start'.");
        }

        _turns.Begin(_speaker.AsSpan(0, speakerLength), start, end);
        _turns.Append(_text.AsSpan(0, textLength));
    }

    private int ReadString(ref Utf8JsonReader reader, ref char[] buffer, int index, string property)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Shape($"turn {index}: '{property}' must be a string");
        }

        // Unescaped UTF-8 never has fewer bytes than the UTF-16 chars it decodes to.
        var needed = reader.ValueSpan.Length;
        if (buffer.Length < needed)
        {
            ArrayPool<char>.Shared.Return(buffer, clearArray: true);
            buffer = ArrayPool<char>.Shared.Rent(needed);
        }

        var length = reader.CopyString(buffer);
        if (property == "text" && length > _limits.MaxLineLength)
        {
            throw TranscriptErrors.TooLarge(
                $"Turn {index}: the text is {length} characters long; the limit (MaxLineLength) is {_limits.MaxLineLength}.");
        }

        return length;
    }

    private static double? ReadTime(ref Utf8JsonReader reader, int index, string property)
    {
        double value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out value) && double.IsFinite(value):
                break;
            case JsonTokenType.String:
                Span<char> chars = stackalloc char[32];
                if (reader.ValueSpan.Length > 32 || !Timestamps.TryParseClockOrSeconds(chars[..reader.CopyString(chars)], out value))
                {
                    throw TranscriptErrors.Malformed($"Turn {index}: '{property}' is not a time; use seconds (12.5) or \"00:00:12.500\".");
                }

                break;
            default:
                throw TranscriptErrors.Malformed($"Turn {index}: '{property}' is not a time; use seconds (12.5) or \"00:00:12.500\".");
        }

        if (value < 0)
        {
            throw TranscriptErrors.Malformed($"Turn {index}: '{property}' is negative.");
        }

        return value;
    }

    private static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueIsEscaped)
        {
            return Ascii.EqualsIgnoreCase(reader.ValueSpan, name);
        }

        Span<byte> unescaped = stackalloc byte[64];
        if (reader.ValueSpan.Length > unescaped.Length)
        {
            return false;
        }

        var length = reader.CopyString(unescaped);
        return Ascii.EqualsIgnoreCase(unescaped[..length], name);
    }

    private static TranscriptFormatException Shape(string what) =>
        TranscriptErrors.Malformed($"The JSON transcript has the wrong shape: {what}.");
}
