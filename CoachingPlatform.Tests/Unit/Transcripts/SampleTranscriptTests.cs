using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Transcripts;

/// <summary>The committed samples (used by the Development seed and the docs) parse to the same workshop in every format.</summary>
public sealed class SampleTranscriptTests
{
    private const string Opening =
        "Good morning, everyone, and welcome back to week three of the Momentum Lab. Today we're looking at what got in the way " +
        "of last week's commitments, and we'll turn that into one concrete plan per person. Let's do a quick round first. " +
        "Maria, do you want to start?";

    private static readonly string[] WorkshopSpeakers =
        ["Avery Stone", "Maria Lopez", "James O'Connor", "Priya Raman", "Chen Wei", "Zoë Müller"];

    public static TheoryData<string, TranscriptFormat, double?, double?, double?, double?> WorkshopSamples => new()
    {
        // file, format, first start, first end, last start, last end
        { "workshop.txt", TranscriptFormat.PlainText, null, null, null, null },
        { "workshop.vtt", TranscriptFormat.WebVtt, 6.5, 37.8, 581.2, 585.0 },
        { "workshop.srt", TranscriptFormat.Srt, 6.5, 37.8, 581.2, 585.0 },
        { "workshop-otter.txt", TranscriptFormat.Otter, 6, 40, 581, null },
        { "workshop.json", TranscriptFormat.Json, 6.5, 37.8, 581.2, 585.0 },
        { "workshop.docx", TranscriptFormat.Docx, 6, 40, 581, null },
    };

    [Theory]
    [MemberData(nameof(WorkshopSamples))]
    public void Parse_WorkshopSample_HasSixSpeakersAnd33Turns(
        string file, TranscriptFormat format, double? firstStart, double? firstEnd, double? lastStart, double? lastEnd)
    {
        var parsed = TranscriptTestFiles.Parse(TranscriptTestFiles.Sample(file), file);

        Assert.Equal(format, parsed.Format);
        Assert.Equal(WorkshopSpeakers, parsed.Turns.Select(t => t.Speaker).Distinct());
        Assert.Equal(33, parsed.Turns.Count);
        Assert.Equal(Enumerable.Range(0, 33), parsed.Turns.Select(t => t.Index));

        var first = parsed.Turns[0];
        Assert.Equal(("Avery Stone", Opening), (first.Speaker, first.Text));
        AssertTime(firstStart, first.Start);
        AssertTime(firstEnd, first.End);

        var last = parsed.Turns[^1];
        Assert.Equal(("James O'Connor", "Will do. Thanks, everyone."), (last.Speaker, last.Text));
        AssertTime(lastStart, last.Start);
        AssertTime(lastEnd, last.End);
    }

    [Theory]
    [MemberData(nameof(WorkshopSamples))]
    public void Parse_WorkshopSample_SameTurnsAsJson(
        string file, TranscriptFormat format, double? firstStart, double? firstEnd, double? lastStart, double? lastEnd)
    {
        _ = (format, firstStart, firstEnd, lastStart, lastEnd);
        var reference = TranscriptTestFiles.Parse(TranscriptTestFiles.Sample("workshop.json"), "workshop.json");

        var parsed = TranscriptTestFiles.Parse(TranscriptTestFiles.Sample(file), file);

        Assert.Equal(
            reference.Turns.Select(t => (t.Speaker, t.Text)),
            parsed.Turns.Select(t => (t.Speaker, t.Text)));
    }

    [Fact]
    public void Parse_WorkshopSample_KeepsTheSignalsTheAnalysisLooksFor()
    {
        var turns = TranscriptTestFiles.Parse(TranscriptTestFiles.Sample("workshop.txt"), "workshop.txt").Turns;

        Assert.Contains(turns, t => t.Speaker == "James O'Connor" && t.Text.Contains("I stopped taking my medication", StringComparison.Ordinal));
        Assert.Contains(turns, t => t.Speaker == "Priya Raman" && t.Text.Contains("Oh, that's it.", StringComparison.Ordinal));
        Assert.Contains(turns, t => t.Speaker == "Chen Wei" && t.Text.Contains("I'm a bit lost", StringComparison.Ordinal));
        Assert.Contains(turns, t => t.Speaker == "Priya Raman" && t.Text.Contains("by Friday March 13", StringComparison.Ordinal));
        // The breakthrough turn spans two lines in the plain sample: the second line continues the turn.
        Assert.Contains(turns, t => t.Text.EndsWith("people will think I'm not good at my job. It was never about the workload. It's about proving myself.", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OneOnOneSample_VoiceTagsNotesAndEntitiesRead()
    {
        var parsed = TranscriptTestFiles.Parse(TranscriptTestFiles.Sample("one-on-one.vtt"), "one-on-one.vtt");

        Assert.Equal(TranscriptFormat.WebVtt, parsed.Format);
        Assert.Equal(["Avery Stone", "Daniel Okafor"], parsed.Turns.Select(t => t.Speaker).Distinct());
        Assert.Equal(16, parsed.Turns.Count);
        Assert.Equal(
            new TranscriptTurn(0, "Avery Stone", 2.1, 6.48, "Hi Daniel, good to see you. How has the week been since we last spoke?"),
            parsed.Turns[0]);
        Assert.Equal(new TranscriptTurn(15, "Daniel Okafor", 127.1, 129.0, "Sounds good. Thanks, Avery."), parsed.Turns[^1]);
        // Two cues of Daniel merged into one turn, first start to last end.
        Assert.Equal((7.25, 19.62), (parsed.Turns[1].Start!.Value, parsed.Turns[1].End!.Value));
        Assert.Contains("It's the all-or-nothing thing again.", parsed.Turns[5].Text, StringComparison.Ordinal);
        Assert.Contains("I save my work & close the laptop, even if I'm not done.", parsed.Turns[13].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(parsed.Turns, t => t.Text.Contains("NOTE", StringComparison.Ordinal) || t.Text.Contains("::cue", StringComparison.Ordinal));
    }

    [Fact]
    public void WorkshopDocx_Committed_HasTheGeneratorsText()
    {
        var path = Path.Combine(TranscriptTestFiles.SamplesFolder, "workshop.docx");
        var generated = TranscriptTestFiles.WorkshopDocx();
        if (Environment.GetEnvironmentVariable("REGENERATE_SAMPLES") == "1")
        {
            File.WriteAllBytes(path, generated);
        }

        var committed = TranscriptTestFiles.Parse(File.ReadAllBytes(path), "workshop.docx");
        var fresh = TranscriptTestFiles.Parse(generated, "workshop.docx");

        Assert.Equal(fresh.Turns, committed.Turns);
    }

    private static void AssertTime(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, 3);
    }
}
