using System.Globalization;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Core.Transcripts;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.Unit.Transcripts;

/// <summary>AnnoMI conversations rendered into each transcript format the parsers read.</summary>
internal static class AnnoMiRenderings
{
    public static string Plain(AnnoMiCorpus.Conversation c, bool withTimes)
    {
        var text = new StringBuilder();
        text.Append("AnnoMI conversation ").Append(c.Id).Append("\n\n");
        foreach (var u in c.Utterances)
        {
            if (withTimes)
            {
                text.Append('[').Append(TranscriptTestFiles.Clock(u.Start, '.')[..8]).Append("] ");
            }

            text.Append(u.Speaker).Append(": ").Append(u.Text).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Zoom-style: utterances split into cues of at most 12 words; voice tags, or a "Name: " prefix on the first cue only.</summary>
    public static string WebVtt(AnnoMiCorpus.Conversation c, bool voiceTags)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        var n = 1;
        foreach (var (u, words, start, end, first) in Cues(c))
        {
            var escaped = words.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
            text.Append(n++).Append('\n')
                .Append(TranscriptTestFiles.Clock(start, '.')).Append(" --> ").Append(TranscriptTestFiles.Clock(end, '.'))
                .Append(n % 3 == 0 ? " align:start position:10%\n" : "\n");
            text.Append(voiceTags ? $"<v {u.Speaker}>{Wrap(escaped)}</v>" : first ? $"{u.Speaker}: {Wrap(escaped)}" : Wrap(escaped));
            text.Append("\n\n");
        }

        return text.ToString();
    }

    public static string Srt(AnnoMiCorpus.Conversation c)
    {
        var text = new StringBuilder();
        var n = 1;
        foreach (var (u, words, start, end, _) in Cues(c))
        {
            text.Append(n++).Append("\r\n")
                .Append(TranscriptTestFiles.Clock(start, ',')).Append(" --> ").Append(TranscriptTestFiles.Clock(end, ',')).Append("\r\n")
                .Append(Wrap($"{u.Speaker}: {words}").Replace("\n", "\r\n", StringComparison.Ordinal)).Append("\r\n\r\n");
        }

        return text.ToString();
    }

    public static string Otter(AnnoMiCorpus.Conversation c, bool tabs)
    {
        var text = new StringBuilder();
        foreach (var u in c.Utterances)
        {
            var s = (int)u.Start;
            var clock = s >= 3600 ? $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}" : $"{s / 60}:{s % 60:00}";
            text.Append(u.Speaker).Append(tabs ? "\t" : "  ").Append(clock).Append('\n').Append(u.Text).Append("\n\n");
        }

        return text.ToString();
    }

    public static string Json(AnnoMiCorpus.Conversation c)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = c.Id % 2 == 0 }))
        {
            json.WriteStartObject();
            json.WriteNumber("id", c.Id);
            json.WriteStartArray("turns");
            foreach (var u in c.Utterances)
            {
                json.WriteStartObject();
                json.WriteString("speaker", u.Speaker);
                if (c.Id % 3 == 0)
                {
                    json.WriteString("start", TranscriptTestFiles.Clock(u.Start, '.'));
                    json.WriteString("end", TranscriptTestFiles.Clock(u.End, '.'));
                }
                else
                {
                    json.WriteNumber("start", u.Start);
                    json.WriteNumber("end", u.End);
                }

                json.WriteString("text", u.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IEnumerable<(AnnoMiCorpus.Utterance U, string Words, double Start, double End, bool First)> Cues(AnnoMiCorpus.Conversation c)
    {
        foreach (var u in c.Utterances)
        {
            var words = u.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var chunks = words.Chunk(12).Select(w => string.Join(' ', w)).ToArray();
            var startMs = (long)Math.Round(u.Start * 1000);
            var endMs = (long)Math.Round(u.End * 1000);
            for (var i = 0; i < chunks.Length; i++)
            {
                var from = startMs + ((endMs - startMs) * i / chunks.Length);
                var to = i == chunks.Length - 1 ? endMs : startMs + ((endMs - startMs) * (i + 1) / chunks.Length);
                yield return (u, chunks[i], from / 1000.0, to / 1000.0, i == 0);
            }
        }
    }

    // Caption lines of about 42 characters, as caption tools wrap them.
    private static string Wrap(string text)
    {
        var lines = new StringBuilder();
        var length = 0;
        foreach (var word in text.Split(' '))
        {
            if (length > 0 && length + word.Length > 42)
            {
                lines.Append('\n');
                length = 0;
            }
            else if (length > 0)
            {
                lines.Append(' ');
                length++;
            }

            lines.Append(word);
            length += word.Length;
        }

        return lines.ToString();
    }
}
