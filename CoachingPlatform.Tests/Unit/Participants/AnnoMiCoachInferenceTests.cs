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

    // One turn per utterance (not merged), with start times only, as in the corpus.
    private static IEnumerable<(string Id, List<TranscriptTurn> Turns)> LoadConversations() =>
        AnnoMiCorpus.Conversations.Select(c => (
            c.Id.ToString(CultureInfo.InvariantCulture),
            c.Utterances.Select((u, i) => new TranscriptTurn(i, u.Speaker, u.Start, null, u.Text)).ToList()));
}
