using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>
/// Bytes to text. A byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32); without one: UTF-16 recognised by its
/// zero bytes, then UTF-8 when valid, then Windows-1252 when the bytes are not UTF-8 but plausible 1252 text.
/// Control characters (other than tab, line breaks, form feed) mean binary content.
/// </summary>
internal sealed class TranscriptDecoder : IDisposable
{
    // C0 controls that never occur in text files: everything below 0x20 except \t \n \v \f \r.
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    private static readonly SearchValues<char> ControlChars = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    // Bytes Windows-1252 leaves undefined: text that contains them is not 1252 either.
    private static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    private static readonly Lazy<Encoding> Windows1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    private char[] _chars;
    private readonly int _length;

    private TranscriptDecoder(char[] chars, int length, ReadOnlyMemory<byte> utf8)
    {
        _chars = chars;
        _length = length;
        Utf8Source = utf8;
    }

    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    /// <summary>The source bytes when they were UTF-8 (BOM removed), so the JSON reader can skip re-encoding; else empty.</summary>
    public ReadOnlyMemory<byte> Utf8Source { get; }

    public static TranscriptDecoder Decode(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            var body = TrimEof(content[3..]);
            if (!Utf8.IsValid(body.Span))
            {
                throw TranscriptErrors.InvalidEncoding(
                    $"The file starts with a UTF-8 byte-order mark but is not valid UTF-8 (byte {FirstInvalidUtf8(body.Span) + 3}).");
            }

            CheckControlBytes(body.Span);
            return FromUtf8(body);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return FromUnicode(bytes[4..], new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return FromUnicode(bytes[4..], new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return FromUnicode(bytes[2..], new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return FromUnicode(bytes[2..], new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        if (LooksLikeUtf16(bytes, out var bigEndian))
        {
            return FromUnicode(bytes, new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true), 2);
        }

        var text = TrimEof(content);
        CheckControlBytes(text.Span);

        if (Utf8.IsValid(text.Span))
        {
            return FromUtf8(text);
        }

        if (IsPlausible1252(text.Span))
        {
            var encoding = Windows1252.Value;
            var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
            var length = encoding.GetChars(text.Span, chars);
            return new TranscriptDecoder(chars, length, ReadOnlyMemory<byte>.Empty);
        }

        throw TranscriptErrors.InvalidEncoding(
            $"The file is neither UTF-8 (invalid byte at offset {FirstInvalidUtf8(text.Span)}) nor Windows-1252 text; save it as UTF-8.");
    }

    // A DOS end-of-file marker (0x1A) after the text is harmless.
    private static ReadOnlyMemory<byte> TrimEof(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty && bytes.Span[^1] == 0x1A)
        {
            bytes = bytes[..^1];
        }

        return bytes;
    }

    private static void CheckControlBytes(ReadOnlySpan<byte> bytes)
    {
        var control = bytes.IndexOfAny(ControlBytes);
        if (control >= 0)
        {
            throw TranscriptErrors.Binary($"The file is binary, not text (control byte 0x{bytes[control]:X2} at offset {control}).");
        }
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars, clearArray: true);
        _chars = [];
    }

    private static TranscriptDecoder FromUtf8(ReadOnlyMemory<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, utf8.Length));
        var length = Encoding.UTF8.GetChars(utf8.Span, chars);
        return new TranscriptDecoder(chars, length, utf8);
    }

    private static TranscriptDecoder FromUnicode(ReadOnlySpan<byte> bytes, Encoding encoding, int unit)
    {
        if (bytes.Length % unit != 0)
        {
            throw TranscriptErrors.InvalidEncoding($"The file is {encoding.WebName} but has an odd number of bytes.");
        }

        char[] chars;
        int length;
        try
        {
            chars = ArrayPool<char>.Shared.Rent(Math.Max(1, encoding.GetMaxCharCount(bytes.Length)));
            length = encoding.GetChars(bytes, chars);
        }
        catch (DecoderFallbackException)
        {
            throw TranscriptErrors.InvalidEncoding($"The file is not valid {encoding.WebName} (unpaired surrogate or invalid code point).");
        }

        var control = chars.AsSpan(0, length).TrimEnd('\u001A').IndexOfAny(ControlChars);
        if (control >= 0)
        {
            ArrayPool<char>.Shared.Return(chars, clearArray: true);
            throw TranscriptErrors.Binary($"The file is binary, not text (control character U+{(int)chars[control]:X4} at character {control}).");
        }

        return new TranscriptDecoder(chars, length, ReadOnlyMemory<byte>.Empty);
    }

    // Mostly-Latin UTF-16 without a byte-order mark: every other byte is zero.
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        var pairs = sample.Length / 2;
        if (pairs < 2)
        {
            return false;
        }

        int zeroEven = 0, zeroOdd = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            zeroEven += sample[i] == 0 ? 1 : 0;
            zeroOdd += sample[i + 1] == 0 ? 1 : 0;
        }

        if (zeroOdd * 10 >= pairs * 7 && zeroEven * 20 <= pairs)
        {
            return true;
        }

        bigEndian = true;
        return zeroEven * 10 >= pairs * 7 && zeroOdd * 20 <= pairs;
    }

    // 1252 when no undefined byte appears and the bytes are not mostly well-formed UTF-8 with a few broken
    // sequences (a damaged UTF-8 file must not silently turn into mojibake).
    private static bool IsPlausible1252(ReadOnlySpan<byte> bytes)
    {
        if (bytes.ContainsAny(Undefined1252))
        {
            return false;
        }

        int wellFormed = 0, invalid = 0;
        var rest = bytes;
        while (true)
        {
            var next = rest.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (next < 0)
            {
                break;
            }

            rest = rest[next..];
            if (Rune.DecodeFromUtf8(rest, out _, out var consumed) == OperationStatus.Done)
            {
                wellFormed++;
            }
            else
            {
                invalid++;
            }

            rest = rest[Math.Max(1, consumed)..];
        }

        return wellFormed < invalid;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
