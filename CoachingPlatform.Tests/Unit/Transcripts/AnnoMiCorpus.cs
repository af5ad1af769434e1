using System.Globalization;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Core.Transcripts;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.Unit.Transcripts;

/// <summary>
/// The AnnoMI corpus (133 real motivational-interviewing conversations, ../shared/reference/annomi) rendered into
/// each transcript format, with the turns a parser must return for it.
/// </summary>
internal static class AnnoMiCorpus
{
    private static readonly Lazy<IReadOnlyList<Conversation>> All = new(() => Load());

    public static string CsvPath => Path.GetFullPath(
        Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "annomi", "AnnoMI-simple.csv"));

    public static IReadOnlyList<Conversation> Conversations => All.Value;

    /// <summary>One utterance: speaker label, start and end in seconds (end = next utterance's start), raw text.</summary>
    internal sealed record Utterance(string Speaker, double Start, double End, string Text);

    internal sealed record Conversation(int Id, IReadOnlyList<Utterance> Utterances)
    {
        /// <summary>Consecutive utterances of one speaker merged, as every parser does.</summary>
        public IReadOnlyList<(string Speaker, string Text, double Start, double End)> MergedTurns()
        {
            var turns = new List<(string Speaker, string Text, double Start, double End)>();
            foreach (var u in Utterances)
            {
                var text = Collapse(u.Text);
                if (turns.Count > 0 && turns[^1].Speaker == u.Speaker)
                {
                    var last = turns[^1];
                    turns[^1] = (last.Speaker, last.Text + " " + text, last.Start, Math.Max(last.End, u.End));
                }
                else
                {
                    turns.Add((u.Speaker, text, u.Start, u.End));
                }
            }

            return turns;
        }
    }

    public static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Plain(Conversation c, bool withTimes)
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
    public static string WebVtt(Conversation c, bool voiceTags)
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

    public static string Srt(Conversation c)
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

    public static string Otter(Conversation c, bool tabs)
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

    public static string Json(Conversation c)
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

    private static IEnumerable<(Utterance U, string Words, double Start, double End, bool First)> Cues(Conversation c)
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

    private static List<Conversation> Load()
    {
        var rows = ReadCsv(File.ReadAllText(CsvPath, Encoding.UTF8));
        var header = rows[0];
        int id = header.IndexOf("transcript_id"), who = header.IndexOf("interlocutor"),
            time = header.IndexOf("timestamp"), text = header.IndexOf("utterance_text");
        var conversations = new List<Conversation>();
        foreach (var group in rows.Skip(1).GroupBy(r => int.Parse(r[id], CultureInfo.InvariantCulture)))
        {
            var list = group.ToList();
            var utterances = new List<Utterance>();
            for (var i = 0; i < list.Count; i++)
            {
                var start = ParseClock(list[i][time]);
                var next = i + 1 < list.Count ? ParseClock(list[i + 1][time]) : start + 2;
                var speaker = list[i][who] == "therapist" ? "Therapist" : "Client";
                utterances.Add(new Utterance(speaker, start, Math.Max(start, next), list[i][text]));
            }

            conversations.Add(new Conversation(group.Key, utterances));
        }

        return conversations;
    }

    // hh:mm:ss; the corpus has one "00:09:025", read as 9 min 25 s.
    private static double ParseClock(string value)
    {
        var parts = value.Split(':').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0] * 3600) + (parts[1] * 60) + (parts[2] % 100);
    }

    private static List<List<string>> ReadCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
