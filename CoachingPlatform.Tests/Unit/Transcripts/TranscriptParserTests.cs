using System.Text;
using CoachingPlatform.Core.Transcripts;
using static CoachingPlatform.Tests.Unit.Transcripts.TranscriptTestFiles;

namespace CoachingPlatform.Tests.Unit.Transcripts;

/// <summary>The rules of each format and of detection, one behaviour per test (docs/transcripts.md).</summary>
public sealed class TranscriptParserTests
{
    private const string TwoLines = "Avery Stone: Welcome, Zoë.\nZoë Müller: Merci — ça va.\n";

    // ---- encodings ----

    public static TheoryData<string, byte[]> Encodings => new()
    {
        { "utf-8", Encoding.UTF8.GetBytes(TwoLines) },
        { "utf-8 bom crlf", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(TwoLines.Replace("\n", "\r\n", StringComparison.Ordinal))] },
        { "utf-16le bom", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(TwoLines)] },
        { "utf-16be bom", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(TwoLines)] },
        { "utf-16le no bom", Encoding.Unicode.GetBytes(TwoLines) },
        { "utf-32le bom", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(TwoLines)] },
        { "windows-1252", Windows1252(TwoLines) },
        { "utf-8 dos eof", [.. Encoding.UTF8.GetBytes(TwoLines), 0x1A] },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Parse_SupportedEncoding_DecodesNamesAndText(string encoding, byte[] bytes)
    {
        var turns = Parse(bytes).Turns;

        Assert.True(turns.Count == 2, encoding);
        Assert.Equal(("Avery Stone", "Welcome, Zoë."), (turns[0].Speaker, turns[0].Text));
        Assert.Equal(("Zoë Müller", "Merci — ça va."), (turns[1].Speaker, turns[1].Text));
    }

    // ---- plain text ----

    [Fact]
    public void Parse_PlainContinuationLines_JoinThePreviousTurn()
    {
        var turns = Parse("Session notes, 9 March\n\nAvery:   First   line\nsecond line\n\n\tthird line\nSam: hi\n").Turns;

        Assert.Equal([new TranscriptTurn(0, "Avery", null, null, "First line second line third line"), new TranscriptTurn(1, "Sam", null, null, "hi")], turns);
    }

    [Fact]
    public void Parse_PlainSameSpeakerTwice_MergedIntoOneTurn()
    {
        var turns = Parse("Avery: one\nAvery: two\nSam: three\nAvery: four\n").Turns;

        Assert.Equal(["one two", "three", "four"], turns.Select(t => t.Text));
    }

    [Theory]
    [InlineData("Note: remember the homework")]
    [InlineData("Action items: walk daily")]
    [InlineData("Step 2: write it down")]
    [InlineData("So I went home. Then I said: no")]
    [InlineData("what she told me: it works")]
    [InlineData("See https://example.com/page")]
    [InlineData("We meet at 10:30 tomorrow")]
    [InlineData("Is that right? I think: yes")]
    [InlineData("One two three four five six seven: too many words")]
    public void Parse_ColonInsideATurn_DoesNotStartASpeaker(string line)
    {
        var turns = Parse($"Avery Stone: Let's begin.\n{line}\nMaria Lopez: Okay.\n").Turns;

        Assert.Equal(["Avery Stone", "Maria Lopez"], turns.Select(t => t.Speaker));
        Assert.EndsWith(line, turns[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dr. Lee")]
    [InlineData("J.R. Smith")]
    [InlineData("Mary-Jane O'Neil")]
    [InlineData("Speaker 1")]
    [InlineData("AVERY")]
    [InlineData("Zoë Müller")]
    [InlineData("José María García-López")]
    [InlineData("Coach (Avery)")]
    [InlineData("李小龙")]
    public void Parse_NameShapedLabel_IsASpeaker(string name)
    {
        var turns = Parse($"{name}: hello\nSam: hi\n").Turns;

        Assert.Equal(name, turns[0].Speaker);
    }

    [Fact]
    public void Parse_LabelKnownFromAVoiceTag_AcceptedAsAPrefixLater()
    {
        // "dr. who" does not look like a name (lower case), but once a voice tag made it a speaker it is accepted.
        const string vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v dr. who>hi</v>\n\n00:02.000 --> 00:03.000\nSam: yo\n\n" +
                           "00:03.000 --> 00:04.000\ndr. who: back\n";

        Assert.Equal(["dr. who", "Sam", "dr. who"], Parse(vtt).Turns.Select(t => t.Speaker));
    }

    [Fact]
    public void Parse_LowerCaseLabels_NotSpeakers() =>
        Assert.Equal(TranscriptError.UnknownFormat, ErrorOf("avery: hi\nsam: hello\n"));

    [Fact]
    public void Parse_PlainTimestamps_StartAndEndFromTheNextTurn()
    {
        var turns = Parse("[00:00:05] Avery: hi\n(00:12) Sam: hello\n[00:00:20]\nAvery: again\n00:31 Sam: bye\n").Turns;

        Assert.Equal(
            [
                new TranscriptTurn(0, "Avery", 5, 12, "hi"),
                new TranscriptTurn(1, "Sam", 12, 20, "hello"),
                new TranscriptTurn(2, "Avery", 20, 31, "again"),
                new TranscriptTurn(3, "Sam", 31, null, "bye"),
            ],
            turns);
    }

    [Fact]
    public void Parse_GoogleMeetStyleTimeLines_TimeTheNextTurn()
    {
        var turns = Parse("Weekly sync - Transcript\n00:00:00\n\nAvery: hi\nSam: hello\n00:05:00\nAvery: five minutes in\n").Turns;

        Assert.Equal(
            [
                new TranscriptTurn(0, "Avery", 0, null, "hi"),
                new TranscriptTurn(1, "Sam", null, null, "hello"),
                new TranscriptTurn(2, "Avery", 300, null, "five minutes in"),
            ],
            turns);
    }

    [Fact]
    public void Parse_BracketedNonTime_IsText()
    {
        var turns = Parse("Avery: hi\n[laughs] that's funny\n").Turns;

        Assert.Equal("hi [laughs] that's funny", turns[0].Text);
    }

    // ---- WebVTT ----

    [Fact]
    public void Parse_WebVttZoomStyle_SettingsNotesAndMultiLineCues()
    {
        const string vtt = """
            WEBVTT - Zoom meeting
            Kind: captions

            NOTE
            a note that spans
            two lines

            STYLE
            ::cue { color: yellow }

            REGION
            id:fred width:40%

            1
            00:00:01.000 --> 00:00:04.500 align:start position:10%
            Avery Stone: Hello everyone,
            welcome back.

            2
            00:04.500 --> 00:07.000
            Avery Stone: Let's start.

            3
            00:00:07.500 --> 00:00:09.000 line:0
            Maria Lopez: Thanks!
            """;

        var parsed = Parse(vtt);

        Assert.Equal(TranscriptFormat.WebVtt, parsed.Format);
        Assert.Equal(
            [
                new TranscriptTurn(0, "Avery Stone", 1, 7, "Hello everyone, welcome back. Let's start."),
                new TranscriptTurn(1, "Maria Lopez", 7.5, 9, "Thanks!"),
            ],
            parsed.Turns);
    }

    [Fact]
    public void Parse_WebVttMarkup_TagsStrippedEntitiesDecodedVoicesSwitch()
    {
        const string vtt = """
            WEBVTT

            00:00:01.000 --> 00:00:03.000
            <v.loud Avery Stone><c.yellow>Tom</c> &amp; Jerry &lt;3 <i>really</i>&nbsp;now</v>

            00:00:03.000 --> 00:00:05.000
            <v Sam Lee>Karaoke <00:00:03.500>style <b>timing</b> &#233;t&#xE9;</v>
            <v Avery Stone>Short reply.</v>

            00:00:05.000 --> 00:00:06.000
            and the same voice goes on &unknown; 3 < 4
            """;

        var turns = Parse(vtt).Turns;

        Assert.Equal(
            [
                new TranscriptTurn(0, "Avery Stone", 1, 3, "Tom & Jerry <3 really now"),
                new TranscriptTurn(1, "Sam Lee", 3, 5, "Karaoke style timing été"),
                new TranscriptTurn(2, "Avery Stone", 3, 6, "Short reply. and the same voice goes on &unknown; 3 < 4"),
            ],
            turns);
    }

    [Fact]
    public void Parse_CaptionsBeforeTheFirstLabel_BelongToUnknown()
    {
        var turns = Parse("WEBVTT\n\n00:01.000 --> 00:02.000\n(music)\n\n00:02.000 --> 00:03.000\nAvery: hi\n").Turns;

        Assert.Equal([TurnBuilder.UnknownSpeaker, "Avery"], turns.Select(t => t.Speaker));
    }

    [Theory]
    [InlineData("t.vtt", TranscriptFormat.WebVtt)]
    [InlineData("t.srt", TranscriptFormat.Srt)]
    [InlineData(null, TranscriptFormat.WebVtt)]
    public void Parse_HeaderlessCues_DetectedFromSeparatorOrFileName(string? fileName, TranscriptFormat expected)
    {
        var parsed = Parse("1\n00:00:01.000 --> 00:00:02.000\nAvery: hi\n\n2\n00:00:02.000 --> 00:00:03.000\nSam: yo\n", fileName);

        Assert.Equal(expected, parsed.Format);
        Assert.Equal(2, parsed.Turns.Count);
    }

    // ---- SRT ----

    [Fact]
    public void Parse_SrtSpeakerForms_PrefixBracketsAndUpperCase()
    {
        const string srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\n[Avery Stone] Hello <i>there</i>.\r\n\r\n" +
                           "2\r\n00:00:02,000 --> 00:00:03,500\r\n[Music]\r\n\r\n" +
                           "3\r\n00:00:03,500 --> 00:00:05,000\r\nSAM: Hi!\r\n\r\n" +
                           "4\r\n00:00:05,000 --> 00:00:06,000\r\nhow are you\r\n";

        var parsed = Parse(srt, "t.srt");

        Assert.Equal(TranscriptFormat.Srt, parsed.Format);
        Assert.Equal(
            [
                new TranscriptTurn(0, "Avery Stone", 1, 3.5, "Hello there. [Music]"),
                new TranscriptTurn(1, "SAM", 3.5, 6, "Hi! how are you"),
            ],
            parsed.Turns);
    }

    [Fact]
    public void Parse_SrtTextSplitByABlankLine_StaysWithItsCue()
    {
        var turns = Parse("1\n00:00:01,000 --> 00:00:02,000\nAvery: first part\n\nsecond part\n\n2\n00:00:02,000 --> 00:00:03,000\nSam: ok\n").Turns;

        Assert.Equal(["first part second part", "ok"], turns.Select(t => t.Text));
    }

    // ---- Otter ----

    [Fact]
    public void Parse_OtterHeaders_TabsHoursPreambleAndMerging()
    {
        const string otter = "Weekly check-in - Otter.ai\n\n" +
                             "Avery Stone  0:05\nHello.\nSecond paragraph.\n\n" +
                             "Maria Lopez\t59:58\nHi.\n\n" +
                             "Maria Lopez  1:00:02\nStill me.\n\n" +
                             "Avery Stone  1:00:30  \nBye.\n";

        var parsed = Parse(otter);

        Assert.Equal(TranscriptFormat.Otter, parsed.Format);
        Assert.Equal(
            [
                new TranscriptTurn(0, "Avery Stone", 5, 3598, "Hello. Second paragraph."),
                new TranscriptTurn(1, "Maria Lopez", 3598, 3630, "Hi. Still me."),
                new TranscriptTurn(2, "Avery Stone", 3630, null, "Bye."),
            ],
            parsed.Turns);
    }

    [Fact]
    public void Parse_OtterHeaderTimeGoingBack_EndClampedToStart()
    {
        var turns = Parse("Avery  0:10\nhi\n\nSam  0:09\nhello\n").Turns;

        Assert.Equal((10.0, 10.0), (turns[0].Start!.Value, turns[0].End!.Value));
    }

    [Fact]
    public void Parse_SingleSpaceBeforeTime_IsNotAnOtterHeader()
    {
        var parsed = Parse("Avery: I'll see you at 5:30\nSam: great\n");

        Assert.Equal(TranscriptFormat.PlainText, parsed.Format);
    }

    // ---- JSON ----

    [Fact]
    public void Parse_JsonVariants_ClockStringsAliasesAndExtraProperties()
    {
        const string json = """
            { "title": "x", // exported by a tool that writes comments "meta": { "nested": [1, 2, { "deep": true }] },
              "Turns": [
                { "Speaker": "  Avery Stone ", "start": "00:00:01.500", "end": "00:00:03", "text": "  Hi   there " },
                { "name": "Sam", "start": 3, "end": "4.25", "text": "Hello", "confidence": 0.9 },
                { "speaker": "Sam", "start": null, "end": 6, "text": "again" },
                { "speaker": "Avery Stone", "text": "" },
              ] }
            """;

        var parsed = Parse(json);

        Assert.Equal(TranscriptFormat.Json, parsed.Format);
        Assert.Equal(
            [
                new TranscriptTurn(0, "Avery Stone", 1.5, 3, "Hi there"),
                new TranscriptTurn(1, "Sam", 3, 6, "Hello again"),
            ],
            parsed.Turns);
    }

    [Fact]
    public void Parse_JsonRootArrayInUtf16_Read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("[{\"speaker\":\"Zoë\",\"text\":\"ça\"}]")).ToArray();

        var parsed = Parse(bytes);

        Assert.Equal([new TranscriptTurn(0, "Zoë", null, null, "ça")], parsed.Turns);
    }

    [Fact]
    public void Parse_BracketedTimeAtTheStart_IsPlainNotJson()
    {
        Assert.Equal(TranscriptFormat.PlainText, Parse("[00:01] Avery: hi\n[00:02] Sam: hey\n").Format);
    }

    // ---- .docx ----

    [Fact]
    public void Parse_DocxWithPlainParagraphs_ReadAsDocx()
    {
        var docx = Docx(["Coaching call", "", "Avery Stone: Hello.", "continued here", "Sam Lee: Hi."]);

        var parsed = Parse(docx, "call.docx");

        Assert.Equal(TranscriptFormat.Docx, parsed.Format);
        Assert.Equal([new TranscriptTurn(0, "Avery Stone", null, null, "Hello. continued here"), new TranscriptTurn(1, "Sam Lee", null, null, "Hi.")], parsed.Turns);
    }

    [Fact]
    public void Parse_DocxWithTabbedOtterHeaders_TimesRead()
    {
        var docx = Docx(["Avery Stone\t0:01", "Hello.", "", "Sam Lee\t0:04", "Hi."]);

        var turns = Parse(docx, null).Turns;

        Assert.Equal([new TranscriptTurn(0, "Avery Stone", 1, 4, "Hello."), new TranscriptTurn(1, "Sam Lee", 4, null, "Hi.")], turns);
    }

    [Fact]
    public void Parse_DocxTable_RowsReadAsLabelledLines()
    {
        var docx = Docx([], [["00:00:01", "Avery Stone", "Hello."], ["00:00:03", "Sam Lee", "Hi there."]]);

        var turns = Parse(docx, "table.docx").Turns;

        Assert.Equal([new TranscriptTurn(0, "Avery Stone", 1, 3, "Hello."), new TranscriptTurn(1, "Sam Lee", 3, null, "Hi there.")], turns);
    }

    [Fact]
    public void Parse_DocxWithWebVttText_ReadAsCaptions()
    {
        var docx = Docx(["WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "Avery: hi", "", "00:00:02.000 --> 00:00:03.000", "Sam: hello"]);

        var parsed = Parse(docx, "captions.docx");

        Assert.Equal(TranscriptFormat.Docx, parsed.Format);
        Assert.Equal([("Avery", 1.0, 2.0), ("Sam", 2.0, 3.0)], parsed.Turns.Select(t => (t.Speaker, t.Start!.Value, t.End!.Value)));
    }

    // ---- entry points ----

    [Fact]
    public void Parse_NonSeekableStream_ReadToTheEnd()
    {
        using var stream = new ForwardOnlyStream(Encoding.UTF8.GetBytes(TwoLines));

        Assert.Equal(2, TranscriptParser.Parse(stream, "t.txt", TranscriptLimits.Default).Turns.Count);
    }

    [Fact]
    public void Parse_MemoryStreamAtAnOffset_ReadFromItsPosition()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("junk\0\0" + TwoLines));
        stream.Position = 6;

        Assert.Equal(2, TranscriptParser.Parse(stream, null, TranscriptLimits.Default).Turns.Count);
    }

    [Fact]
    public async Task ParseAsync_Stream_SameAsSync()
    {
        await using var stream = new MemoryStream(TranscriptTestFiles.Sample("workshop.vtt"));

        var parsed = await TranscriptParser.ParseAsync(stream, "workshop.vtt", TranscriptLimits.Default, CancellationToken.None);

        Assert.Equal(Parse(TranscriptTestFiles.Sample("workshop.vtt")).Turns, parsed.Turns);
    }

    private static byte[] Windows1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override bool TryGetBuffer(out ArraySegment<byte> buffer)
        {
            buffer = default;
            return false;
        }
    }
}
