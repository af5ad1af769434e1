using System.Globalization;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Infrastructure;

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

    /// <summary>Whether the corpus is beside the checkout (it is in CI; benchmarks fall back to synthetic text without it).</summary>
    public static bool Available => File.Exists(CsvPath);

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
