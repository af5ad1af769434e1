using System.Globalization;
using System.Text;

using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Benchmarks;

/// <summary>
/// A 45-minute group workshop as Zoom-style WebVTT (<c>Name: text</c> cues): one coach and
/// <see cref="Participants"/> participants, in three rounds (each participant speaks several times a round). The words
/// are real counselling dialogue from AnnoMI (../shared/reference/annomi): each participant is the client of one
/// AnnoMI conversation and the coach says that conversation's therapist lines; without the corpus, synthetic lines.
/// Times follow the words (~150 words a minute) and are scaled so the last cue ends at 45:00.
/// </summary>
internal static class WorkshopTranscript
{
    public const string Coach = "Avery Stone";

    public static readonly string[] Participants =
    [
        "Maria Lopez", "James O'Connor", "Priya Raman", "Chen Wei", "Zoe Muller", "Daniel Okafor",
        "Sofia Rossi", "Liam Walsh", "Aisha Khan", "Tomas Silva", "Hannah Berg", "Kenji Sato",
    ];

    private const double LengthSeconds = 45 * 60;
    private const int Rounds = 3;
    private const int WordsPerParticipant = 560; // coach + participant words per participant: ~6,700 words, ~45 min

    /// <summary>The file's bytes, its cue count and its total words, and where the words came from.</summary>
    public static (byte[] Vtt, int Cues, int Words, string Source) Build()
    {
        var conversations = LoadAnnoMi();
        var source = conversations is null ? "synthetic" : "AnnoMI";
        conversations ??= Synthetic();

        // Each participant's share of their conversation, cut into one segment per round.
        var segments = new List<List<(bool Coach, string Text)>>[Participants.Length];
        for (var p = 0; p < Participants.Length; p++)
        {
            var lines = new List<(bool Coach, string Text)>();
            var words = 0;
            foreach (var line in conversations[p])
            {
                if (words >= WordsPerParticipant)
                {
                    break;
                }

                lines.Add(line);
                words += WordCount(line.Text);
            }

            var perRound = (int)Math.Ceiling(lines.Count / (double)Rounds);
            segments[p] = [.. lines.Chunk(perRound).Select(c => c.ToList())];
        }

        var script = new List<(string Speaker, string Text)>
        {
            (Coach, "Welcome back, everyone. Twelve of us today, so let's do three rounds: how the week went, what got in the way, and what you will do next."),
        };
        string[] openers = ["{0}, let's start with you. How did the week go?", "{0}, what got in the way this time?", "{0}, what will you do before we meet again?"];
        for (var round = 0; round < Rounds; round++)
        {
            for (var p = 0; p < Participants.Length; p++)
            {
                if (round >= segments[p].Count)
                {
                    continue;
                }

                script.Add((Coach, string.Format(CultureInfo.InvariantCulture, openers[round], Participants[p].Split(' ')[0])));
                script.AddRange(segments[p][round].Select(l => (l.Coach ? Coach : Participants[p], l.Text)));
            }
        }

        script.Add((Coach, "Thank you all. Same time next week; send me a note if anything comes up before then."));

        var natural = script.Select(s => 0.8 + (WordCount(s.Text) / 2.5)).ToArray();
        var scale = LengthSeconds / (natural.Sum() + (0.4 * script.Count));
        var vtt = new StringBuilder("WEBVTT\n\n");
        double clock = 0;
        for (var i = 0; i < script.Count; i++)
        {
            var end = clock + (natural[i] * scale);
            vtt.Append(i + 1).Append('\n').Append(Clock(clock)).Append(" --> ").Append(Clock(end)).Append('\n')
                .Append(script[i].Speaker).Append(": ").Append(script[i].Text).Append("\n\n");
            clock = end + (0.4 * scale);
        }

        return (Encoding.UTF8.GetBytes(vtt.ToString()), script.Count, script.Sum(s => WordCount(s.Text)), source);
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Clock(double seconds)
    {
        var ms = (long)Math.Round(seconds * 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }

    /// <summary>The first conversations of the corpus with enough client talk, as (coach?, text) lines; null without the corpus.</summary>
    private static List<List<(bool Coach, string Text)>>? LoadAnnoMi()
    {
        if (!AnnoMiCorpus.Available)
        {
            return null;
        }

        var conversations = AnnoMiCorpus.Conversations
            .Select(c => c.Utterances.Select(u => (Coach: u.Speaker == "Therapist", Text: u.Text.ReplaceLineEndings(" ").Trim()))
                .Where(l => l.Text.Length > 0).ToList())
            .ToList();
        var chosen = conversations
            .Where(c => c.Where(l => !l.Item1).Sum(l => WordCount(l.Item2)) >= 250 && c.Sum(l => WordCount(l.Item2)) >= WordsPerParticipant)
            .Take(Participants.Length)
            .ToList();
        return chosen.Count == Participants.Length ? chosen : null;
    }

    private static List<List<(bool Coach, string Text)>> Synthetic()
    {
        string[] coach = ["How did that go for you?", "What made that hard this week?", "What would a small first step look like?"];
        string[] client = [
            "I managed to walk three mornings this week, which felt better than I expected.",
            "Evenings are still hard because I'm exhausted after work and end up on the sofa.",
            "I think I will block thirty minutes on Monday and Wednesday before work for it.",
        ];
        return [.. Enumerable.Range(0, Participants.Length).Select(p => Enumerable.Range(0, 40)
            .Select(i => (i % 2 == 0, i % 2 == 0 ? coach[(i / 2 + p) % 3] : client[(i / 2 + p) % 3])).ToList())];
    }
}
