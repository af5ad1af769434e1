using CoachingPlatform.Core.Participants;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Participants;

public sealed class ParticipationCalculatorTests
{
    private const int Precision = 10;

    [Fact]
    public void Compute_StartAndEndTimes_HandComputedSecondsSharesAndDuration()
    {
        List<TranscriptTurn> turns =
        [
            new(0, "Avery Stone", 5, 10, "Welcome, everyone. How was your week?"),
            new(1, "Maria Lopez", 10, 25, "Busy. I finished the report."),
            new(2, "Avery Stone", 25, 30, "What helped? What got in the way?"),
            new(3, "Sam Patel", 32, 50, "Mornings helped."),
            new(4, "Sam Patel", 50, 55, "Evenings did not."),
            new(5, "Avery Stone", 55, 60, "Great."),
        ];
        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions("Avery Stone"));

        var stats = ParticipationCalculator.Compute(turns, resolved);

        // Avery: (10-5) + (30-25) + (60-55) = 15 s, 3 turns, questions 1 + 2 = 3.
        // Maria: 25-10 = 15 s, 1 turn, 0 questions.
        // Sam:   (50-32) + (55-50) = 23 s, 1 turn (two consecutive cues are one turn), 0 questions.
        // Total 15 + 15 + 23 = 53 s; shares 15/53, 15/53, 23/53. Duration 60 - 5 = 55 s (the 2 s pause counts, nobody's time).
        var avery = stats.For(resolved.Coach!)!;
        var maria = stats.Speakers.Single(s => s.Speaker.DisplayName == "Maria Lopez");
        var sam = stats.Speakers.Single(s => s.Speaker.DisplayName == "Sam Patel");
        Assert.Equal(15, avery.SpeakingSeconds, Precision);
        Assert.Equal(15, maria.SpeakingSeconds, Precision);
        Assert.Equal(23, sam.SpeakingSeconds, Precision);
        Assert.Equal(15.0 / 53, avery.SpeakingShare, Precision);
        Assert.Equal(15.0 / 53, maria.SpeakingShare, Precision);
        Assert.Equal(23.0 / 53, sam.SpeakingShare, Precision);
        Assert.Equal((3, 1, 1), (avery.TurnCount, maria.TurnCount, sam.TurnCount));
        Assert.Equal((3, 0, 0), (avery.QuestionCount, maria.QuestionCount, sam.QuestionCount));
        Assert.Equal((14, 5, 5), (avery.WordCount, maria.WordCount, sam.WordCount));
        Assert.Equal(53, stats.TotalSpeakingSeconds, Precision);
        Assert.Equal(55, stats.DurationSeconds, Precision);
        Assert.Equal(TimingSource.Timestamps, stats.Timing);
        Assert.True(avery.IsCoach);
        Assert.Equal(["Maria Lopez", "Sam Patel"], stats.Clients.Select(c => c.Speaker.DisplayName));
    }

    [Fact]
    public void Compute_NoTimes_EstimatedAt150WordsPerMinute()
    {
        var turns = TestTurns.Untimed(
            ("Coach", "How did the week go for you?"),
            ("Jo", "It went well, mostly. I slept better and walked every day."),
            ("Coach", "Great. What changed?"),
            ("Jo", "I stopped checking email at night."));
        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions(CoachSpeaker: "Coach"));

        var stats = ParticipationCalculator.Compute(turns, resolved);

        // 150 words/minute = 0.4 s per word.
        // Coach: 7 words (2.8 s) + 3 words (1.2 s) = 10 words, 4.0 s, 2 questions.
        // Jo: 11 words (4.4 s) + 6 words (2.4 s) = 17 words, 6.8 s, 0 questions.
        // Total 10.8 s; shares 4.0/10.8 = 0.370370..., 6.8/10.8 = 0.629629...; duration = the summed estimate, 10.8 s.
        var coach = stats.Speakers[0];
        var jo = stats.Speakers[1];
        Assert.Equal(4.0, coach.SpeakingSeconds, Precision);
        Assert.Equal(6.8, jo.SpeakingSeconds, Precision);
        Assert.Equal(4.0 / 10.8, coach.SpeakingShare, Precision);
        Assert.Equal(6.8 / 10.8, jo.SpeakingShare, Precision);
        Assert.Equal((10, 17), (coach.WordCount, jo.WordCount));
        Assert.Equal((2, 0), (coach.QuestionCount, jo.QuestionCount));
        Assert.Equal((2, 2), (coach.TurnCount, jo.TurnCount));
        Assert.Equal(10.8, stats.DurationSeconds, Precision);
        Assert.Equal(TimingSource.WordEstimate, stats.Timing);
    }

    [Fact]
    public void Compute_StartTimesOnly_EachTurnEndsAtTheNextStartAndTheLastIsEstimated()
    {
        // Otter-style: "Name  0:12" headers give starts only.
        List<TranscriptTurn> turns =
        [
            new(0, "Coach", 0, null, "Let's begin. What is your goal?"),
            new(1, "Kim", 12, null, "To run a marathon."),
            new(2, "Coach", 20, null, "Why a marathon?"),
            new(3, "Kim", 23, null, "Because my father ran one."),
        ];
        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions(CoachSpeaker: "Coach"));

        var stats = ParticipationCalculator.Compute(turns, resolved);

        // Coach: (12-0) + (23-20) = 15 s. Kim: (20-12) + last turn 5 words * 0.4 = 8 + 2 = 10 s.
        // Total 25 s, shares 0.6 / 0.4. Duration: last end (23 + 2 = 25) - first start (0) = 25 s.
        var coach = stats.Speakers[0];
        var kim = stats.Speakers[1];
        Assert.Equal(15, coach.SpeakingSeconds, Precision);
        Assert.Equal(10, kim.SpeakingSeconds, Precision);
        Assert.Equal(0.6, coach.SpeakingShare, Precision);
        Assert.Equal(0.4, kim.SpeakingShare, Precision);
        Assert.Equal(25, stats.DurationSeconds, Precision);
        Assert.Equal(TimingSource.StartTimesOnly, stats.Timing);
    }

    [Fact]
    public void Compute_MixedTimedAndUntimedTurns_UntimedTurnEstimated()
    {
        List<TranscriptTurn> turns =
        [
            new(0, "Coach", 100, 110, "Tell me more."),
            new(1, "Jo", null, null, "I do not know what to say."),
        ];
        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions(CoachSpeaker: "Coach"));

        var stats = ParticipationCalculator.Compute(turns, resolved);

        // Coach 10 s measured; Jo 7 words * 0.4 = 2.8 s. Duration from the timed turns only: 110 - 100 = 10 s.
        Assert.Equal(10, stats.Speakers[0].SpeakingSeconds, Precision);
        Assert.Equal(2.8, stats.Speakers[1].SpeakingSeconds, Precision);
        Assert.Equal(10 / 12.8, stats.Speakers[0].SpeakingShare, Precision);
        Assert.Equal(10, stats.DurationSeconds, Precision);
        Assert.Equal(TimingSource.Mixed, stats.Timing);
    }

    [Fact]
    public void Compute_NobodyHasAnyTime_AllSharesZero()
    {
        List<TranscriptTurn> turns = [new(0, "A", 5, 5, "..."), new(1, "B", 5, 5, "—")];
        var resolved = SpeakerResolver.Resolve(turns, ResolveOptions.None);

        var stats = ParticipationCalculator.Compute(turns, resolved);

        Assert.All(stats.Speakers, s => Assert.Equal(0, s.SpeakingShare));
        Assert.Equal(0, stats.TotalSpeakingSeconds);
    }

    [Fact]
    public void Compute_SharesOfEverySpeaker_SumToOne()
    {
        var turns = TestTurns.Untimed(("A", "one two three"), ("B", "four five"), ("C", "six"), ("A", "seven eight"));
        var resolved = SpeakerResolver.Resolve(turns, ResolveOptions.None);

        var stats = ParticipationCalculator.Compute(turns, resolved);

        Assert.Equal(1, stats.Speakers.Sum(s => s.SpeakingShare), Precision);
    }

    [Fact]
    public void Compute_SilentHintedParticipant_ZeroStats()
    {
        var turns = TestTurns.Untimed(("Coach", "Anyone else? Kim?"), ("Sam Patel", "Just me today."));
        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions(CoachSpeaker: "Coach"));
        var match = ClientMatcher.Match(resolved.Speakers, [], ["Sam Patel", "Kim Ng"]);

        var stats = ParticipationCalculator.Compute(turns, resolved, match.SilentSpeakers);

        var kim = Assert.Single(stats.Speakers, s => s.IsSilent);
        Assert.Equal("Kim Ng", kim.Speaker.DisplayName);
        Assert.Equal((0.0, 0.0, 0, 0, 0), (kim.SpeakingSeconds, kim.SpeakingShare, kim.TurnCount, kim.QuestionCount, kim.WordCount));
        Assert.Equal(2, stats.Clients.Count);
        Assert.Equal(1, stats.Speakers.Sum(s => s.SpeakingShare), Precision);
    }

    [Theory]
    [InlineData("How are you?", 1)]
    [InlineData("Really?! Why? OK.", 2)]
    [InlineData("What about 3.5? Fine.", 1)]
    [InlineData("Is it okay?? I think so.", 1)]
    [InlineData("No questions here. None at all!", 0)]
    [InlineData("??", 0)]
    [InlineData("You know? Then I said, why not?", 2)]
    public void Compute_QuestionSentences_CountedPerSentence(string text, int expected)
    {
        List<TranscriptTurn> turns = [new(0, "Jo", null, null, text)];

        var stats = ParticipationCalculator.Compute(turns, SpeakerResolver.Resolve(turns, ResolveOptions.None));

        Assert.Equal(expected, stats.Speakers[0].QuestionCount);
    }

    [Fact]
    public void Compute_TurnWithoutResolvedSpeaker_Throws()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("A"), ResolveOptions.None);

        Assert.Throws<ArgumentException>(() => ParticipationCalculator.Compute(TestTurns.Labels("A", "B"), resolved));
    }
}
