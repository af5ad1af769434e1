using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Analysis;

public sealed class QualityGateAndPriorityTests
{
    private static readonly TranscriptTurn[] Turns =
    [
        new(0, "Avery", 0, 5, "How did the report go, Maria?"),
        new(1, "Maria", 5, 12, "I finally finished the quarterly report on Friday."),
        new(2, "Sam", 12, 15, "I stopped taking my medication."),
        new(3, "Maria", 15, 20, "Next week I will block two hours for deep work."),
    ];

    private static readonly HashSet<string> Maria = ["Maria"];
    private static readonly HashSet<string> Coach = ["Avery"];

    private static ParticipantAnalysis Analysis(
        IReadOnlyList<ExtractedItem> wins, IReadOnlyList<ExtractedActionItem>? actions = null, ParticipantSignals? signals = null) =>
        new("Maria finished her report.", ["Finished the report"], wins, [], actions ?? [], [], signals ?? ParticipantSignals.None,
            new AnalysisUsage("test", "test", "v1", 0, 0));

    [Fact]
    public void Apply_GroundedItems_KeepsThemWithFullScore()
    {
        var gated = QualityGate.Apply(
            Analysis([new("Finished the quarterly report", [1])], [new("Block two hours for deep work", "Maria", null, [3])]),
            Turns, Maria, Coach, 0.7);

        Assert.Equal(2, gated.ItemsKept);
        Assert.Equal(0, gated.ItemsDropped);
        Assert.Equal(1.0, gated.QualityScore);
        Assert.False(gated.NeedsReview);
        Assert.Equal([1], gated.Content.Wins.Single().Evidence);
    }

    [Theory]
    [InlineData(2)]   // another participant's turn
    [InlineData(9)]   // no such turn
    [InlineData(3)]   // Maria's turn, but it says nothing about the item
    public void Apply_ItemWhoseEvidenceDoesNotSupportIt_IsDroppedAndFlagsReview(int evidence)
    {
        var gated = QualityGate.Apply(Analysis([new("Finished the quarterly report", [evidence])]), Turns, Maria, Coach, 0.7);

        Assert.Empty(gated.Content.Wins);
        Assert.Equal(1, gated.ItemsDropped);
        Assert.Equal(0, gated.QualityScore);
        Assert.True(gated.NeedsReview);
    }

    [Fact]
    public void Apply_MixedEvidence_KeepsOnlyTheTurnsThatSupportTheItem()
    {
        var gated = QualityGate.Apply(Analysis([new("Finished the quarterly report", [1, 2, 7])]), Turns, Maria, Coach, 0.7);

        Assert.Equal([1], gated.Content.Wins.Single().Evidence);
    }

    [Fact]
    public void Apply_UrgentSignalCitingAnotherSpeakersTurn_StaysRaisedWithoutThatEvidenceAndNeedsReview()
    {
        var gated = QualityGate.Apply(Analysis([], signals: new ParticipantSignals(false, [], true, [2], false, [])), Turns, Maria, Coach, 0.7);

        Assert.True(gated.Signals.Urgent);
        Assert.Empty(gated.Signals.UrgentEvidence);
        Assert.True(gated.NeedsReview);
    }

    [Fact]
    public void Apply_BreakthroughCitingAnotherSpeakersTurn_IsDropped()
    {
        var gated = QualityGate.Apply(Analysis([], signals: new ParticipantSignals(true, [2], false, [], false, [])), Turns, Maria, Coach, 0.7);

        Assert.False(gated.Signals.Breakthrough);
    }

    [Fact]
    public void Rank_Bands_OrderUrgentBreakthroughSilentLowThenStandard()
    {
        PriorityInput P(string name, bool urgent = false, bool breakthrough = false, bool confused = false, EngagementLevel engagement = EngagementLevel.Medium, double share = 0.2) =>
            new(Guid.NewGuid(), name, urgent, breakthrough, confused, engagement, share);
        var inputs = new[]
        {
            P("standard-talkative", share: 0.5),
            P("standard-quiet", share: 0.1),
            P("confused", confused: true, share: 0.4),
            P("silent", engagement: EngagementLevel.Silent, share: 0),
            P("low", engagement: EngagementLevel.Low, share: 0.05),
            P("breakthrough", breakthrough: true, share: 0.3),
            P("urgent", urgent: true, share: 0.2),
        };

        var ranked = PriorityScorer.Rank(inputs);
        var order = ranked.Select(r => inputs.Single(i => i.ClientSessionId == r.ClientSessionId).Name).ToList();

        Assert.Equal(["urgent", "breakthrough", "silent", "low", "confused", "standard-quiet", "standard-talkative"], order);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ranked.Select(r => r.Rank));
        Assert.All(ranked, r => Assert.InRange(r.Score, 0, 1));
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }
}
