using CoachingPlatform.Core.Participants;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Participants;

public sealed class SpeakerResolverTests
{
    [Fact]
    public void Resolve_DrLeeAndLee_MergedIntoOneSpeaker()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Dr. Lee", "Sam", "lee"), ResolveOptions.None);

        var lee = Assert.Single(resolved.Speakers, s => s.Key == "lee");
        Assert.Equal(["Dr. Lee", "lee"], lee.Labels);
        Assert.Equal("Dr. Lee", lee.DisplayName);
        Assert.Equal([0, 2], lee.TurnIndexes);
        Assert.Equal(2, resolved.Speakers.Count);
    }

    [Fact]
    public void Resolve_LastNameAloneWithOneFullName_MergedUnderTheFullName()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Lee", "Anna Lee", "Dr. Lee", "Sam"), ResolveOptions.None);

        Assert.Equal(2, resolved.Speakers.Count);
        var anna = resolved.Speakers[0];
        Assert.Equal("Anna Lee", anna.DisplayName);
        Assert.Equal("anna lee", anna.Key);
        Assert.Equal(["Anna Lee", "Dr. Lee", "Lee"], anna.Labels.Order(StringComparer.Ordinal));
        Assert.Equal([0, 1, 2], anna.TurnIndexes);
        Assert.Contains("Dr. Lee", anna.Aliases);
        Assert.False(anna.Ambiguous);
    }

    [Fact]
    public void Resolve_FirstNameAloneWithOneFullName_Merged()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Maria Lopez", "Sam", "Maria"), ResolveOptions.None);

        var maria = Assert.Single(resolved.Speakers, s => s.Key == "maria lopez");
        Assert.Equal([0, 2], maria.TurnIndexes);
        Assert.Equal(2, resolved.Speakers.Count);
    }

    [Fact]
    public void Resolve_TwoMariasAndALoneMaria_KeptApartAndLoneOneAmbiguous()
    {
        var resolved = SpeakerResolver.Resolve(
            TestTurns.Labels("Maria Lopez", "Maria Chen", "Maria", "Maria Lopez"),
            ResolveOptions.None);

        Assert.Equal(3, resolved.Speakers.Count);
        var lopez = Assert.Single(resolved.Speakers, s => s.Key == "maria lopez");
        var chen = Assert.Single(resolved.Speakers, s => s.Key == "maria chen");
        var lone = Assert.Single(resolved.Speakers, s => s.Key == "maria");
        Assert.Equal([0, 3], lopez.TurnIndexes);
        Assert.Equal([1], chen.TurnIndexes);
        Assert.True(lone.Ambiguous);
        Assert.Equal([lopez.Id, chen.Id], lone.AmbiguousWith);
        Assert.False(lopez.Ambiguous);
        Assert.False(chen.Ambiguous);
    }

    [Fact]
    public void Resolve_ZoomPronounsAndDeviceSuffixes_MergedWithPlainName()
    {
        var resolved = SpeakerResolver.Resolve(
            TestTurns.Labels("Anna Lee (she/her)", "Sam Patel", "Anna Lee - iPhone", "Anna Lee"),
            ResolveOptions.None);

        Assert.Equal(2, resolved.Speakers.Count);
        var anna = resolved.Speakers[0];
        Assert.Equal("Anna Lee", anna.DisplayName);
        Assert.Equal(3, anna.Labels.Count);
        Assert.Equal([0, 2, 3], anna.TurnIndexes);
        Assert.Empty(anna.Aliases);
    }

    [Fact]
    public void Resolve_LastCommaFirst_MergedWithFirstLast()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Lee, Anna", "Anna Lee"), ResolveOptions.None);

        var anna = Assert.Single(resolved.Speakers);
        Assert.Equal("Anna Lee", anna.DisplayName);
    }

    [Fact]
    public void Resolve_DiacriticsAndCase_MergedAndDisplayKeepsDiacritics()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("zoe park", "Zoë Park", "ZOE PARK"), ResolveOptions.None);

        var zoe = Assert.Single(resolved.Speakers);
        Assert.Equal("Zoë Park", zoe.DisplayName);
        Assert.Equal("zoe park", zoe.Key);
    }

    [Fact]
    public void Resolve_MiddleNameVariant_MergedByFirstAndLast()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Anna Lee", "Anna Marie Lee"), ResolveOptions.None);

        Assert.Equal("Anna Marie Lee", Assert.Single(resolved.Speakers).DisplayName);
    }

    [Fact]
    public void Resolve_HintSharesTheLoneFirstName_NotMergedAndAmbiguous()
    {
        // "Maria" could be Maria Chen (who spoke) or Maria Lopez (expected): do not guess.
        var options = new ResolveOptions(CoachSpeaker: "Coach", ParticipantHints: ["Maria Lopez", "Maria Chen"]);

        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Coach", "Maria Chen", "Maria"), options);

        Assert.Equal(3, resolved.Speakers.Count);
        Assert.True(resolved.Speakers[2].Ambiguous);
        Assert.Equal([1], resolved.Speakers[2].AmbiguousWith);
    }

    [Fact]
    public void Resolve_ForLabelAndForTurn_FindTheMergedSpeaker()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Anna Lee", "Sam", "Lee"), ResolveOptions.None);

        Assert.Equal("Anna Lee", resolved.ForLabel("Lee")!.DisplayName);
        Assert.Equal("Anna Lee", resolved.ForTurn(2)!.DisplayName);
        Assert.Null(resolved.ForLabel("Nobody"));
    }

    [Fact]
    public void Resolve_CoachSpeakerGiven_ExplicitCoach()
    {
        var turns = TestTurns.Labels("Coach", "Jo", "Sam", "Coach");

        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions("Avery Stone", "Coach"));

        Assert.Equal(CoachInference.Explicit, resolved.CoachInference);
        Assert.Equal("Coach", resolved.Coach!.DisplayName);
        Assert.Equal(["Jo", "Sam"], resolved.Participants.Select(p => p.DisplayName));
    }

    [Fact]
    public void Resolve_CoachSpeakerWithTitle_MatchesByMergeRules()
    {
        var turns = TestTurns.Labels("Anna Lee", "Ben Ode", "Anna Lee");

        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions(CoachSpeaker: "Dr. Lee"));

        Assert.Equal(CoachInference.Explicit, resolved.CoachInference);
        Assert.Equal("Anna Lee", resolved.Coach!.DisplayName);
    }

    [Theory]
    [InlineData("Avery Stone")]
    [InlineData("avery stone (Host)")]
    [InlineData("Stone, Avery")]
    [InlineData("Avery")]
    [InlineData("Coach Avery")]
    [InlineData("Avery J. Stone")]
    public void Resolve_UploaderNameInTranscript_CoachByUploaderName(string coachLabel)
    {
        // Sam asks more questions than the coach here: the name must win over the inference.
        var turns = TestTurns.Untimed(
            ("Sam Patel", "Can I start? Is that fine? Really?"),
            (coachLabel, "Sure."),
            ("Jo Kim", "Okay."));

        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions("Avery Stone"));

        Assert.Equal(CoachInference.UploaderName, resolved.CoachInference);
        Assert.Equal(1, resolved.Coach!.Id);
    }

    [Fact]
    public void Resolve_CoachSpeakerNotInTranscript_FallsBackToUploaderName()
    {
        var turns = TestTurns.Labels("Avery Stone", "Sam");

        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions("Avery Stone", "Facilitator"));

        Assert.Equal(CoachInference.UploaderName, resolved.CoachInference);
        Assert.Equal("Avery Stone", resolved.Coach!.DisplayName);
    }

    [Fact]
    public void Resolve_UploaderSharesFirstNameWithParticipant_LoneNameIsTheCoachNotMerged()
    {
        // The uploader is Maria Lopez; "Maria" must not be folded into the participant Maria Chen.
        var turns = TestTurns.Labels("Maria", "Maria Chen", "Maria");

        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions("Maria Lopez"));

        Assert.Equal(2, resolved.Speakers.Count);
        Assert.Equal(CoachInference.UploaderName, resolved.CoachInference);
        Assert.Equal("Maria", resolved.Coach!.DisplayName);
        Assert.False(resolved.Coach.Ambiguous);
        Assert.Equal("Maria Chen", Assert.Single(resolved.Participants).DisplayName);
    }

    [Fact]
    public void Resolve_UploaderNotInTranscript_InfersTheFacilitator()
    {
        // The uploader's account name is Avery Stone but the Zoom label was "Jordan" (a shared laptop): nobody matches,
        // so the inference decides. Jordan opens, asks every question and takes the floor back after each answer.
        var turns = TestTurns.Untimed(
            ("Jordan", "Welcome back, everyone. Who wants to start? Maria?"),
            ("Maria Lopez", "I will. I kept my morning routine four days out of five."),
            ("Jordan", "What made those four days work?"),
            ("Maria Lopez", "Preparing the night before."),
            ("Jordan", "Sam, how about you?"),
            ("Sam Patel", "Not great. I skipped most days."),
            ("Jordan", "What got in the way? What would help next week?"),
            ("Sam Patel", "Probably a reminder on my phone."),
            ("Jordan", "Let's try that. Thanks, both."));

        var resolved = SpeakerResolver.Resolve(turns, new ResolveOptions("Avery Stone"));

        Assert.Equal(CoachInference.Inferred, resolved.CoachInference);
        Assert.Equal("Jordan", resolved.Coach!.DisplayName);
        Assert.Equal(resolved.Coach.Id, resolved.CoachScores[0].SpeakerId);
        Assert.Equal(["Maria Lopez", "Sam Patel"], resolved.Participants.Select(p => p.DisplayName));
    }

    [Fact]
    public void Resolve_NoNames_FacilitatorAskingMostQuestionsInferred()
    {
        var turns = TestTurns.Untimed(
            ("Speaker 1", "So what would you like to focus on today?"),
            ("Speaker 2", "My sleep, I think. It has been bad for months."),
            ("Speaker 1", "What does a bad night look like? When does it start?"),
            ("Speaker 2", "Around midnight I start worrying about work."),
            ("Speaker 1", "What have you tried so far?"),
            ("Speaker 2", "Reading, mostly. It doesn't help."));

        var resolved = SpeakerResolver.Resolve(turns, ResolveOptions.None);

        Assert.Equal(CoachInference.Inferred, resolved.CoachInference);
        Assert.Equal("Speaker 1", resolved.Coach!.DisplayName);
        var coachScore = resolved.CoachScores[0];
        // Hand-computed: questions 4/4, turns 3/6, floor 2/5, first, not last:
        // 0.40*1 + 0.20*0.5 + 0.15*0.4 + 0.15 + 0 = 0.71.
        Assert.Equal(0.71, coachScore.Score, 10);
        Assert.True(coachScore.SpokeFirst);
        Assert.False(coachScore.SpokeLast);
    }

    [Fact]
    public void Resolve_TwoSpeakersScoringAlike_NoCoach()
    {
        // Mirror images: A opens, B closes; each asks one question and has two turns.
        // A: 0.40*0.5 + 0.20*0.5 + 0.15*(1/3) + 0.15 = 0.50; B: 0.40*0.5 + 0.20*0.5 + 0.15*(2/3) + 0.10 = 0.50.
        var turns = TestTurns.Untimed(("A", "Hi?"), ("B", "Hello."), ("A", "Fine."), ("B", "Bye?"));

        var resolved = SpeakerResolver.Resolve(turns, ResolveOptions.None);

        Assert.Equal(CoachInference.None, resolved.CoachInference);
        Assert.Null(resolved.Coach);
    }

    [Fact]
    public void Resolve_OneSpeaker_NoCoachAndNoScores()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Jo", "Jo"), ResolveOptions.None);

        Assert.Equal(CoachInference.None, resolved.CoachInference);
        Assert.Null(resolved.Coach);
        Assert.Empty(resolved.CoachScores);
    }

    [Fact]
    public void Resolve_NoTurns_NoSpeakers()
    {
        var resolved = SpeakerResolver.Resolve(new List<TranscriptTurn>(), ResolveOptions.None);

        Assert.Empty(resolved.Speakers);
        Assert.Equal(CoachInference.None, resolved.CoachInference);
    }
}
