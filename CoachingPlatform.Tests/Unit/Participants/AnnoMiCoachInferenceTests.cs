using System.Globalization;
using System.Text;
using CoachingPlatform.Core.Participants;
using CoachingPlatform.Core.Transcripts;
using CoachingPlatform.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CoachingPlatform.Tests.Unit.Participants;

/// <summary>Coach inference on real motivational-interviewing conversations nobody here wrote (AnnoMI).</summary>
public sealed class AnnoMiCoachInferenceTests(ITestOutputHelper output)
{
    private const int Conversations = 20;

    [Fact]
    public void Resolve_First20AnnoMiConversations_InfersTheTherapistAtLeast18Times()
    {
        var conversations = LoadConversations().Take(Conversations).ToList();
        Assert.Equal(Conversations, conversations.Count);

        var therapist = 0;
        foreach (var (id, turns) in conversations)
        {
            var resolved = SpeakerResolver.Resolve(turns, ResolveOptions.None);
            var coach = resolved.Coach?.DisplayName ?? "(none)";
            if (coach == "Therapist")
            {
                therapist++;
            }

            var top = resolved.CoachScores;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"transcript {id}: {turns.Count} turns, coach {coach} ({resolved.CoachInference}), scores {string.Join(" / ", top.Select(s => $"{resolved.Speakers[s.SpeakerId].DisplayName} {s.Score:0.000}"))}"));
        }

        output.WriteLine($"inferred coach = therapist in {therapist} of {Conversations}");

        // For the docs, not asserted: the same over the whole corpus.
        var all = LoadConversations().ToList();
        var allTherapist = all.Count(c => SpeakerResolver.Resolve(c.Turns, ResolveOptions.None).Coach?.DisplayName == "Therapist");
        output.WriteLine($"whole corpus: therapist in {allTherapist} of {all.Count}");
        Assert.True(therapist >= 18, $"inferred coach = therapist in only {therapist} of {Conversations}");
    }

    [Fact]
    public void Compute_First20AnnoMiConversations_StartTimesGiveSharesSummingToOne()
    {
        foreach (var (_, turns) in LoadConversations().Take(Conversations))
        {
            var stats = ParticipationCalculator.Compute(turns, SpeakerResolver.Resolve(turns, ResolveOptions.None));

            Assert.Equal(TimingSource.StartTimesOnly, stats.Timing);
            Assert.Equal(2, stats.Speakers.Count);
            Assert.Equal(1, stats.Speakers.Sum(s => s.SpeakingShare), 9);
            Assert.True(stats.DurationSeconds >= stats.TotalSpeakingSeconds - 1e-9);
        }
    }

    // transcript_id,...,interlocutor,timestamp,utterance_text,... — one row per utterance, conversations in file order.
    private static IEnumerable<(string Id, List<TranscriptTurn> Turns)> LoadConversations()
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "annomi", "AnnoMI-simple.csv"));
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = ReadRecord(reader) ?? throw new InvalidDataException("empty AnnoMI file");
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidDataException("no column " + name);
        var (idColumn, speakerColumn, timeColumn, textColumn) =
            (Column("transcript_id"), Column("interlocutor"), Column("timestamp"), Column("utterance_text"));

        string? currentId = null;
        var turns = new List<TranscriptTurn>();
        while (ReadRecord(reader) is { } row)
        {
            if (row[idColumn] != currentId)
            {
                if (currentId is not null)
                {
                    yield return (currentId, turns);
                }

                currentId = row[idColumn];
                turns = [];
            }

            var label = row[speakerColumn] == "therapist" ? "Therapist" : "Client";
            var start = TimeSpan.Parse(row[timeColumn], CultureInfo.InvariantCulture).TotalSeconds;
            turns.Add(new TranscriptTurn(turns.Count, label, start, null, row[textColumn]));
        }

        if (currentId is not null)
        {
            yield return (currentId, turns);
        }
    }

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    private static List<string>? ReadRecord(StreamReader reader)
    {
        if (reader.Peek() < 0)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                fields.Add(field.ToString());
                return fields;
            }

            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    field.Append('"');
                    reader.Read();
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                return fields;
            }
            else
            {
                field.Append(ch);
            }
        }
    }
}
