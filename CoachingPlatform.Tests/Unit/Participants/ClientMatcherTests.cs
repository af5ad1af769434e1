using CoachingPlatform.Core.Participants;

namespace CoachingPlatform.Tests.Unit.Participants;

public sealed class ClientMatcherTests
{
    private static readonly KnownClient MariaLopez = new(Guid.Parse("00000000-0000-0000-0000-000000000001"), "Maria Lopez", []);
    private static readonly KnownClient MariaChen = new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "Maria Chen", []);
    private static readonly KnownClient SamPatel = new(Guid.Parse("00000000-0000-0000-0000-000000000003"), "Sam Patel", []);
    private static readonly KnownClient RobertJones = new(Guid.Parse("00000000-0000-0000-0000-000000000004"), "Robert Jones", ["Bobby", "Rob J."]);
    private static readonly KnownClient ZoeParkNoAccent = new(Guid.Parse("00000000-0000-0000-0000-000000000005"), "Zoe Park", []);
    private static readonly KnownClient AnnaLee = new(Guid.Parse("00000000-0000-0000-0000-000000000006"), "Anna Lee", []);

    private static ClientMatchResult MatchLabels(IReadOnlyList<KnownClient> clients, IReadOnlyList<string> hints, params string[] labels)
    {
        // "Coach" opens every test transcript so the coach is known and skipped.
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels(["Coach", .. labels]), new ResolveOptions(CoachSpeaker: "Coach"));
        return ClientMatcher.Match(resolved.Speakers, clients, hints);
    }

    [Fact]
    public void Match_SameNameDifferentCaseAndTitle_MatchedByName()
    {
        var result = MatchLabels([SamPatel, AnnaLee], [], "DR. ANNA LEE", "sam patel (he/him)");

        Assert.Equal([AnnaLee.Id, SamPatel.Id], result.Participants.Select(p => p.ClientId));
        Assert.All(result.Participants, p => Assert.Equal(ClientMatchRule.Name, p.Rule));
    }

    [Fact]
    public void Match_Diacritics_MatchClientWrittenWithout()
    {
        var match = Assert.Single(MatchLabels([ZoeParkNoAccent], [], "Zoë Park").Participants);

        Assert.Equal(ZoeParkNoAccent.Id, match.ClientId);
        Assert.Equal("Zoë Park", match.Name);
    }

    [Theory]
    [InlineData("Bobby")]
    [InlineData("Rob J")]
    public void Match_LabelIsAClientAlias_MatchedByAlias(string label)
    {
        var match = Assert.Single(MatchLabels([RobertJones, SamPatel], [], label).Participants);

        Assert.Equal((RobertJones.Id, ClientMatchRule.Alias), (match.ClientId!.Value, match.Rule));
    }

    [Fact]
    public void Match_TwoSpeakersClaimOneClient_StrongerRuleKeepsItOtherAmbiguous()
    {
        var result = MatchLabels([RobertJones], [], "Bobby", "Robert Jones");

        Assert.Equal(
            [((Guid?)null, ClientMatchRule.Ambiguous), (RobertJones.Id, ClientMatchRule.Name)],
            result.Participants.Select(p => (p.ClientId, p.Rule)));
        Assert.Equal([RobertJones.Id], result.Participants[0].CandidateClientIds);
    }

    [Fact]
    public void Match_LoneFirstNameOfOneClient_MatchedByUniqueFirstName()
    {
        var match = Assert.Single(MatchLabels([SamPatel, MariaLopez], [], "Sam").Participants);

        Assert.Equal((SamPatel.Id, ClientMatchRule.UniqueFirstName), (match.ClientId!.Value, match.Rule));
    }

    [Fact]
    public void Match_LoneLastNameWithTitle_MatchedByUniqueLastName()
    {
        var match = Assert.Single(MatchLabels([SamPatel, MariaLopez], [], "Mr. Patel").Participants);

        Assert.Equal((SamPatel.Id, ClientMatchRule.UniqueLastName), (match.ClientId!.Value, match.Rule));
    }

    [Fact]
    public void Match_MiddleNameOnlyInTranscript_MatchedByFirstAndLast()
    {
        var match = Assert.Single(MatchLabels([AnnaLee], [], "Anna Marie Lee").Participants);

        Assert.Equal((AnnaLee.Id, ClientMatchRule.FirstAndLastName), (match.ClientId!.Value, match.Rule));
    }

    [Fact]
    public void Match_FirstNameSharedByTwoClients_NeverAutoMatched()
    {
        var match = Assert.Single(MatchLabels([MariaLopez, MariaChen, SamPatel], [], "Maria").Participants);

        Assert.Null(match.ClientId);
        Assert.Equal(ClientMatchRule.Ambiguous, match.Rule);
        Assert.Equal([MariaLopez.Id, MariaChen.Id], match.CandidateClientIds);
    }

    [Fact]
    public void Match_TwoMariasSpokeAndALoneMaria_FullNamesMatchedLoneOneAmbiguous()
    {
        var result = MatchLabels([MariaLopez, MariaChen], [], "Maria Lopez", "Maria Chen", "Maria");

        Assert.Equal(
            [(MariaLopez.Id, ClientMatchRule.Name), (MariaChen.Id, ClientMatchRule.Name), ((Guid?)null, ClientMatchRule.Ambiguous)],
            result.Participants.Select(p => (p.ClientId, p.Rule)));
    }

    [Fact]
    public void Match_LoneMariaAmbiguousInSession_NotMatchedEvenToAClientCalledMaria()
    {
        var plainMaria = new KnownClient(Guid.NewGuid(), "Maria", []);

        var result = MatchLabels([plainMaria], [], "Maria Lopez", "Maria Chen", "Maria");

        Assert.Equal(ClientMatchRule.Ambiguous, result.Participants[2].Rule);
        Assert.Null(result.Participants[2].ClientId);
    }

    [Fact]
    public void Match_HintCompletesTheLoneFirstName_ResolvesTheAmbiguity()
    {
        var match = Assert.Single(MatchLabels([MariaLopez, MariaChen], ["Maria Lopez"], "Maria").Participants);

        Assert.Equal((MariaLopez.Id, ClientMatchRule.Name), (match.ClientId!.Value, match.Rule));
        Assert.Equal("Maria Lopez", match.Name);
        Assert.Equal("Maria Lopez", match.Hint);
        Assert.False(match.IsSilent);
    }

    [Fact]
    public void Match_HintsNameTwoMariasButOnlyALoneMariaSpoke_StaysAmbiguous()
    {
        var result = MatchLabels([MariaLopez, MariaChen], ClientMatcher.ParseHints("Maria Lopez, Maria Chen"), "Maria");

        var spoke = Assert.Single(result.Participants, p => !p.IsSilent);
        Assert.Equal(ClientMatchRule.Ambiguous, spoke.Rule);
        Assert.Equal(2, result.SilentSpeakers.Count);
    }

    [Fact]
    public void Match_HintedAttendeeNeverSpoke_ReturnedAsSilentAndMatched()
    {
        var result = MatchLabels([SamPatel, MariaLopez], ClientMatcher.ParseHints("Sam Patel; maria lopez ,Kim Ng"), "Sam");

        Assert.Equal(3, result.Participants.Count);
        Assert.Equal((SamPatel.Id, false), (result.Participants[0].ClientId!.Value, result.Participants[0].IsSilent));
        var maria = result.Participants[1];
        Assert.True(maria.IsSilent);
        Assert.Equal((MariaLopez.Id, ClientMatchRule.Name), (maria.ClientId!.Value, maria.Rule));
        var kim = result.Participants[2];
        Assert.True(kim.IsSilent);
        Assert.Equal((null, ClientMatchRule.NewClient, "Kim Ng"), (kim.ClientId, kim.Rule, kim.Name));
        Assert.Equal(2, result.SilentSpeakers.Count);
        Assert.DoesNotContain(result.SilentSpeakers, s => result.Participants[0].Speaker.Id == s.Id);
    }

    [Fact]
    public void Match_CoachNamedInHints_CoachSkippedAndNotSilent()
    {
        var resolved = SpeakerResolver.Resolve(TestTurns.Labels("Avery Stone", "Sam Patel"), new ResolveOptions("Avery Stone"));

        var result = ClientMatcher.Match(resolved.Speakers, [SamPatel], ["Avery Stone", "Sam Patel"]);

        var sam = Assert.Single(result.Participants);
        Assert.Equal(SamPatel.Id, sam.ClientId);
    }

    [Fact]
    public void Match_UnknownPerson_NewClient()
    {
        var match = Assert.Single(MatchLabels([SamPatel, MariaLopez], [], "Maria Garcia").Participants);

        Assert.Equal((null, ClientMatchRule.NewClient), (match.ClientId, match.Rule));
        Assert.Equal("Maria Garcia", match.Name);
    }

    [Fact]
    public void Match_ClientKnownByLoneFirstNameAndTwoSpeakersShareIt_NeitherMatched()
    {
        var plainMaria = new KnownClient(Guid.NewGuid(), "Maria", []);

        var result = MatchLabels([plainMaria], [], "Maria Lopez", "Maria Chen");

        Assert.All(result.Participants, p => Assert.Equal((null, ClientMatchRule.NewClient), (p.ClientId, p.Rule)));
    }

    [Fact]
    public void ParseHints_SeparatorsAndBlanks_TrimmedNames() =>
        Assert.Equal(["Maria Lopez", "Sam", "Kim Ng"], ClientMatcher.ParseHints(" Maria Lopez ,, Sam;\nKim Ng "));
}
