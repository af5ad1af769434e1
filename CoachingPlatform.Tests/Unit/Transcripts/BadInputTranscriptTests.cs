using System.Text;
using CoachingPlatform.Core.Transcripts;
using static CoachingPlatform.Tests.Unit.Transcripts.TranscriptTestFiles;

namespace CoachingPlatform.Tests.Unit.Transcripts;

/// <summary>The bad-input corpus: each refusal carries the <see cref="TranscriptError"/> the API maps to a 4xx.</summary>
public sealed class BadInputTranscriptTests
{
    private const string Prose =
        "We met on a rainy Tuesday and talked for an hour about the year ahead. Nobody wrote down who said what, " +
        "and the notes are just paragraphs of text, like this one, with no speaker labels anywhere in them.\n\n" +
        "The second paragraph says the same thing in other words, which is all it has to do.\n";

    [Fact]
    public void Parse_EmptyFile_Empty() => Assert.Equal(TranscriptError.Empty, ErrorOf([]));

    [Theory]
    [InlineData("   \r\n\t \n\n")]
    [InlineData("\uFEFF")]
    [InlineData("\u00A0\u2003\n")]
    public void Parse_WhitespaceOnly_Empty(string text) => Assert.Equal(TranscriptError.Empty, ErrorOf(text));

    [Fact]
    public void Parse_WebVttHeaderOnly_Empty() => Assert.Equal(TranscriptError.Empty, ErrorOf("WEBVTT\n\nNOTE nothing was said\n"));

    [Fact]
    public void Parse_CaptionsWithoutSpeakers_Empty() =>
        Assert.Equal(TranscriptError.Empty, ErrorOf("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there.\n\n00:00:02.000 --> 00:00:03.000\nHi.\n"));

    [Fact]
    public void Parse_JsonEmptyArray_Empty() => Assert.Equal(TranscriptError.Empty, ErrorOf("[]", "t.json"));

    [Fact]
    public void Parse_PngHeader_Binary()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0];
        Assert.Equal(TranscriptError.Binary, ErrorOf(png, "transcript.txt"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parse_RandomBytes_Binary(int seed)
    {
        var bytes = new byte[4096];
        new Random(seed).NextBytes(bytes);
        bytes[0] = (byte)'A'; // not a known signature: the decoder itself must notice
        Assert.Equal(TranscriptError.Binary, ErrorOf(bytes));
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A })]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 })]
    [InlineData(new byte[] { 0x41, 0x76, 0x65, 0x72, 0x79, 0x3A, 0x20, 0x68, 0x69, 0x00, 0x01, 0x02 })]
    public void Parse_PdfLegacyDocOrNulBytes_Binary(byte[] bytes) => Assert.Equal(TranscriptError.Binary, ErrorOf(bytes));

    [Fact]
    public void Parse_ProseWithoutLabels_UnknownFormat() => Assert.Equal(TranscriptError.UnknownFormat, ErrorOf(Prose, "notes.txt"));

    [Fact]
    public void Parse_Rtf_UnknownFormat() =>
        Assert.Equal(TranscriptError.UnknownFormat, ErrorOf(@"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Avery: hi\par}"));

    [Fact]
    public void Parse_NeitherUtf8NorWindows1252_InvalidEncoding()
    {
        // 0x81 and 0x8D are undefined in Windows-1252 and invalid as UTF-8 lead bytes.
        byte[] bytes = [.. "Avery: caf"u8, 0x81, 0x8D, .. " ok\n"u8];
        Assert.Equal(TranscriptError.InvalidEncoding, ErrorOf(bytes));
    }

    [Fact]
    public void Parse_MostlyUtf8WithABrokenSequence_InvalidEncoding()
    {
        // Well-formed UTF-8 accents plus one truncated sequence: damaged UTF-8, not 1252 (that would be mojibake).
        byte[] bytes = [.. Encoding.UTF8.GetBytes("Zoë Müller: ça va, très bien\nAvery Stone: é è ê\n"), 0xC3];
        Assert.Equal(TranscriptError.InvalidEncoding, ErrorOf(bytes));
    }

    [Fact]
    public void Parse_Utf8BomThenInvalidBytes_InvalidEncoding() =>
        Assert.Equal(TranscriptError.InvalidEncoding, ErrorOf([0xEF, 0xBB, 0xBF, .. "Avery: "u8, 0xE9, .. "t\u00e9\n"u8]));

    [Fact]
    public void Parse_Utf16WithUnpairedSurrogate_InvalidEncoding()
    {
        // Encoding.Unicode would replace a lone surrogate on the way out, so the code units are written by hand.
        byte[] withBom = [0xFF, 0xFE, .. Utf16Le("Avery: hi "), 0x00, 0xD8, .. Utf16Le("x\n")];
        byte[] withoutBom = [.. Utf16Le("Avery: hello there, this is UTF-16 without a byte-order mark "), 0x00, 0xDC, .. Utf16Le(" oops\n")];

        Assert.Equal(TranscriptError.InvalidEncoding, ErrorOf(withBom));
        Assert.Equal(TranscriptError.InvalidEncoding, ErrorOf(withoutBom));
    }

    [Fact]
    public void Parse_Utf16OddLength_InvalidEncoding() =>
        Assert.Equal(TranscriptError.InvalidEncoding, ErrorOf([0xFF, 0xFE, .. Utf16Le("Avery: hi\n"), 0x41]));

    [Fact]
    public void Parse_DocxThatIsNotAZip_InvalidDocument() =>
        Assert.Equal(TranscriptError.InvalidDocument, ErrorOf(Encoding.UTF8.GetBytes("Avery Stone: hello\n"), "session.docx"));

    [Fact]
    public void Parse_TruncatedZip_InvalidDocument()
    {
        var docx = Docx(["Avery Stone: hello"]);
        Assert.Equal(TranscriptError.InvalidDocument, ErrorOf(docx[..(docx.Length / 2)], "session.docx"));
    }

    [Fact]
    public void Parse_ZipThatIsNotAWordDocument_InvalidDocument()
    {
        var zip = Zip(("notes.txt", Encoding.UTF8.GetBytes("Avery Stone: hello\n")));
        Assert.Equal(TranscriptError.InvalidDocument, ErrorOf(zip, "session.docx"));
    }

    [Fact]
    public void Parse_ZipWithDocumentXmlButNoPackage_InvalidDocument()
    {
        var zip = Zip(("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"u8.ToArray()));
        Assert.Equal(TranscriptError.InvalidDocument, ErrorOf(zip, "session.docx"));
    }

    [Fact]
    public void Parse_DocxZipBombByRatio_InvalidDocument()
    {
        // 20 MB of zeros deflates to ~20 KB (1000:1).
        var bomb = Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", new byte[20 * 1024 * 1024]));
        Assert.True(bomb.Length < 64 * 1024);

        var error = Assert.Throws<TranscriptFormatException>(() => Parse(bomb, "bomb.docx"));
        Assert.Equal(TranscriptError.InvalidDocument, error.Error);
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DocxExpandingOverTheLimit_InvalidDocument()
    {
        var random = new byte[300_000];
        new Random(7).NextBytes(random); // incompressible: passes the ratio check, fails the total
        var docx = Zip(("word/document.xml", random), ("word/media/image1.bin", random), ("word/media/image2.bin", random));
        var limits = TranscriptLimits.Default with { MaxDocxExpandedBytes = 800_000 };

        var error = Assert.Throws<TranscriptFormatException>(() => Parse(docx, "big.docx", limits));
        Assert.Equal(TranscriptError.InvalidDocument, error.Error);
        Assert.Contains("MaxDocxExpandedBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThousandsOfSpeakers_TooLarge()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            text.Append("Participant ").Append(i).Append(": hello\n");
        }

        var error = Assert.Throws<TranscriptFormatException>(() => Parse(text.ToString()));
        Assert.Equal(TranscriptError.TooLarge, error.Error);
        Assert.Contains("MaxSpeakers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneGiganticLine_TooLarge()
    {
        var text = "Avery Stone: " + new string('a', TranscriptLimits.Default.MaxLineLength + 1) + "\n";
        var error = Assert.Throws<TranscriptFormatException>(() => Parse(text));
        Assert.Equal(TranscriptError.TooLarge, error.Error);
        Assert.Contains("MaxLineLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JsonTurnTextOverTheLineLimit_TooLarge()
    {
        var limits = TranscriptLimits.Default with { MaxLineLength = 50 };
        var json = $"[{{\"speaker\": \"Avery\", \"text\": \"{new string('é', 51)}\"}}]";

        Assert.Equal(TranscriptError.TooLarge, ErrorOf(json, limits: limits));
        Assert.Single(Parse($"[{{\"speaker\": \"Avery\", \"text\": \"{new string('é', 50)}\"}}]", limits: limits).Turns);
    }

    [Fact]
    public void Parse_MoreTurnsThanTheLimit_TooLarge()
    {
        var text = string.Concat(Enumerable.Range(0, 11).Select(i => i % 2 == 0 ? "Avery: hi\n" : "Sam: hello\n"));
        Assert.Equal(TranscriptError.TooLarge, ErrorOf(text, limits: TranscriptLimits.Default with { MaxTurns = 10 }));
        Assert.Equal(11, Parse(text).Turns.Count);
    }

    [Fact]
    public void Parse_SpeakerLabelOverTheLimit_TooLarge()
    {
        var limits = TranscriptLimits.Default with { MaxSpeakerLength = 10 };
        Assert.Equal(TranscriptError.TooLarge, ErrorOf("Bartholomew Fitzgerald: hello\n", limits: limits));
        Assert.Equal(TranscriptError.TooLarge, ErrorOf("[{\"speaker\":\"Bartholomew Fitzgerald\",\"text\":\"hi\"}]", limits: limits));
    }

    [Theory]
    [InlineData("WEBVTT\n\n1\n00:00:01.000 --> 00:0x:04.000\nAvery: hi\n", 4)]
    [InlineData("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nAvery: hi\n", 3)]
    [InlineData("WEBVTT\n\n00:00:01.000 --> \nAvery: hi\n", 3)]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nAvery: hi\n\n2\n-00:00:03,000 --> 00:00:04,000\nSam: hello\n", 6)]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nAvery: hi\n\n2\n00:00:61,000 --> 00:01:04,000\nSam: hello\n", 6)]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nAvery: hi\n\n2\nSam: hello\n", 6)]
    [InlineData("[00:00:01] Avery: hi\n[00:99:00] Sam: hello\n", 2)]
    [InlineData("\n\nAvery Stone  0:01\nhello\n\nSam Lee  0:75\nhi\n", 6)]
    public void Parse_MalformedTimestamps_MalformedWithLineNumber(string text, int line)
    {
        var error = Assert.Throws<TranscriptFormatException>(() => Parse(text));
        Assert.Equal(TranscriptError.Malformed, error.Error);
        Assert.StartsWith($"Line {line}:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[\"Avery: hi\", \"Sam: hello\"]")]
    [InlineData("[{\"text\": \"no speaker\"}]")]
    [InlineData("[{\"speaker\": \"Avery\"}]")]
    [InlineData("[{\"speaker\": 7, \"text\": \"hi\"}]")]
    [InlineData("[{\"speaker\": \"Avery\", \"text\": \"hi\", \"start\": 5, \"end\": 2}]")]
    [InlineData("[{\"speaker\": \"Avery\", \"text\": \"hi\", \"start\": -1}]")]
    [InlineData("[{\"speaker\": \"Avery\", \"text\": \"hi\", \"start\": \"soon\"}]")]
    [InlineData("[{\"speaker\": \"Avery\", \"text\": \"hi\", \"start\": true}]")]
    [InlineData("{\"utterances\": [{\"speaker\": \"Avery\", \"text\": \"hi\"}]}")]
    [InlineData("{\"turns\": {\"speaker\": \"Avery\", \"text\": \"hi\"}}")]
    [InlineData("[{\"speaker\": \"Avery\", \"text\": \"hi\"}")]
    [InlineData("[{\"speaker\": \"Avery\", \"text\": \"hi\"}] trailing")]
    public void Parse_JsonWithWrongShape_Malformed(string json) => Assert.Equal(TranscriptError.Malformed, ErrorOf(json, "t.json"));

    [Fact]
    public void Parse_JsonNestedTooDeep_Malformed()
    {
        var json = "[{\"speaker\": \"Avery\", \"text\": \"hi\", \"meta\": " + new string('[', 200) + new string(']', 200) + "}]";
        var error = Assert.Throws<TranscriptFormatException>(() => Parse(json, "t.json"));
        Assert.Equal(TranscriptError.Malformed, error.Error);
        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnyRefusal_MessageDoesNotEchoTheTranscript()
    {
        const string secret = "my-secret-diagnosis";
        var errors = new[]
        {
            Assert.Throws<TranscriptFormatException>(() => Parse($"[{{\"speaker\": \"Avery\", \"text\": \"{secret}\", \"start\": \"{secret}\"}}]")),
            Assert.Throws<TranscriptFormatException>(() => Parse($"[{{\"speaker\": \"Avery\", \"text\": {secret}}}]")),
            Assert.Throws<TranscriptFormatException>(() => Parse($"WEBVTT\n\n00:00:01.000 --> {secret}\nAvery: hi\n")),
        };

        Assert.All(errors, e => Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_HostileMarkupLine_ParsedInLinearTime()
    {
        var line = new string('<', TranscriptLimits.Default.MaxLineLength - 20);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var turns = Parse($"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAvery: {line}\n").Turns;

        Assert.Equal(line, turns[0].Text);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
    }

    private static byte[] Utf16Le(string text) => Encoding.Unicode.GetBytes(text);
}
