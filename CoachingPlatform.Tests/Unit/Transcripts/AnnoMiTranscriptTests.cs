using CoachingPlatform.Tests.Infrastructure;
using System.Text;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Transcripts;

/// <summary>
/// Real conversations nobody here wrote: all 133 AnnoMI transcripts, rendered by the test into each format, parse with
/// exactly two speakers, the merged turn count, the same text and the times the format carries.
/// </summary>
public sealed class AnnoMiTranscriptTests
{
    public enum Rendering
    {
        Plain,
        PlainWithTimes,
        WebVttPrefixed,
        WebVttVoiceTags,
        Srt,
        Otter,
        OtterWithTabs,
        Json,
        DocxPlain,
        DocxOtter,
    }

    public static TheoryData<Rendering> Renderings => new(Enum.GetValues<Rendering>());

    [Fact]
    public void Corpus_Loaded_Has133Conversations()
    {
        Assert.Equal(133, AnnoMiCorpus.Conversations.Count);
        Assert.All(AnnoMiCorpus.Conversations, c => Assert.Equal(["Client", "Therapist"], c.Utterances.Select(u => u.Speaker).Distinct().Order()));
    }

    [Theory]
    [MemberData(nameof(Renderings))]
    public void Parse_EveryAnnoMiConversation_TwoSpeakersMergedTurnsAndText(Rendering rendering)
    {
        var failures = new List<string>();
        foreach (var conversation in AnnoMiCorpus.Conversations)
        {
            var (bytes, name, format) = Render(conversation, rendering);
            try
            {
                var parsed = TranscriptParser.Parse(bytes, name, TranscriptLimits.Default);
                var problem = Compare(conversation, rendering, format, parsed);
                if (problem is not null)
                {
                    failures.Add($"#{conversation.Id}: {problem}");
                }
            }
            catch (TranscriptFormatException e)
            {
                failures.Add($"#{conversation.Id}: {e.Error} {e.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of 133 failed:\n" + string.Join('\n', failures.Take(10)));
    }

    private static (byte[] Bytes, string Name, TranscriptFormat Format) Render(AnnoMiCorpus.Conversation c, Rendering rendering)
    {
        var utf8 = Encoding.UTF8;
        return rendering switch
        {
            Rendering.Plain => (utf8.GetBytes(AnnoMiRenderings.Plain(c, withTimes: false)), "t.txt", TranscriptFormat.PlainText),
            Rendering.PlainWithTimes => (utf8.GetBytes(AnnoMiRenderings.Plain(c, withTimes: true)), "t.txt", TranscriptFormat.PlainText),
            Rendering.WebVttPrefixed => (utf8.GetBytes(AnnoMiRenderings.WebVtt(c, voiceTags: false)), "t.vtt", TranscriptFormat.WebVtt),
            Rendering.WebVttVoiceTags => ([.. utf8.GetPreamble(), .. utf8.GetBytes(AnnoMiRenderings.WebVtt(c, voiceTags: true))], "t.vtt", TranscriptFormat.WebVtt),
            Rendering.Srt => (utf8.GetBytes(AnnoMiRenderings.Srt(c)), "t.srt", TranscriptFormat.Srt),
            Rendering.Otter => (utf8.GetBytes(AnnoMiRenderings.Otter(c, tabs: false)), "t.txt", TranscriptFormat.Otter),
            Rendering.OtterWithTabs => (utf8.GetBytes(AnnoMiRenderings.Otter(c, tabs: true)), "t.txt", TranscriptFormat.Otter),
            Rendering.Json => (utf8.GetBytes(AnnoMiRenderings.Json(c)), "t.json", TranscriptFormat.Json),
            Rendering.DocxPlain => (TranscriptTestFiles.Docx(AnnoMiRenderings.Plain(c, withTimes: false).Split('\n')), "t.docx", TranscriptFormat.Docx),
            _ => (TranscriptTestFiles.Docx(AnnoMiRenderings.Otter(c, tabs: false).Split('\n')), "t.docx", TranscriptFormat.Docx),
        };
    }

    private static string? Compare(AnnoMiCorpus.Conversation c, Rendering rendering, TranscriptFormat format, ParsedTranscript parsed)
    {
        var expected = c.MergedTurns();
        if (parsed.Format != format)
        {
            return $"format {parsed.Format}, expected {format}";
        }

        var speakers = parsed.Turns.Select(t => t.Speaker).Distinct().Count();
        if (speakers != 2)
        {
            return $"{speakers} speakers";
        }

        if (parsed.Turns.Count != expected.Count)
        {
            return $"{parsed.Turns.Count} turns, expected {expected.Count}";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var (speaker, text, start, end) = expected[i];
            var turn = parsed.Turns[i];
            var (expectedStart, expectedEnd) = rendering switch
            {
                Rendering.Plain or Rendering.DocxPlain => ((double?)null, (double?)null),
                // A header-timed turn lasts until the next speaker's header (clamped: the corpus has 1 s jitter).
                Rendering.PlainWithTimes or Rendering.Otter or Rendering.OtterWithTabs or Rendering.DocxOtter =>
                    (start, i + 1 < expected.Count ? Math.Max(expected[i + 1].Start, start) : (double?)null),
                _ => (start, end),
            };

            if (turn.Index != i || turn.Speaker != speaker || turn.Text != text)
            {
                return $"turn {i}: '{turn.Speaker}: {Head(turn.Text)}' expected '{speaker}: {Head(text)}'";
            }

            if (!SameTime(turn.Start, expectedStart) || !SameTime(turn.End, expectedEnd))
            {
                return $"turn {i}: {turn.Start}-{turn.End}, expected {expectedStart}-{expectedEnd}";
            }
        }

        return null;
    }

    private static bool SameTime(double? actual, double? expected) =>
        actual is null ? expected is null : expected is not null && Math.Abs(actual.Value - expected.Value) < 0.0005;

    private static string Head(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
