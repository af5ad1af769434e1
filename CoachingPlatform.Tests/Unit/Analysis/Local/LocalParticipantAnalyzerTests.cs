using System.Text.Json;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Analysis.Local;

namespace CoachingPlatform.Tests.Unit.Analysis.Local;

public sealed class LocalParticipantAnalyzerTests
{
    private static readonly DateOnly WorkshopDate = new(2026, 3, 9);

    private static async Task<(ParticipantAnalysis Analysis, ParticipantAnalysisRequest Request)> WorkshopAsync(
        string participant, ILocalEmbedder? embedder)
    {
        var turns = LocalAnalysisTestData.Turns(Path.Combine(LocalAnalysisTestData.SamplesFolder, "workshop.txt"));
        var request = LocalAnalysisTestData.Request(turns, participant, "Avery Stone", WorkshopDate);
        return (await new LocalParticipantAnalyzer(embedder).AnalyseAsync(request, CancellationToken.None), request);
    }

    private static Task<ParticipantAnalysis> InlineAsync(string transcript, string participant = "Sam") =>
        new LocalParticipantAnalyzer().AnalyseAsync(LocalAnalysisTestData.Request(transcript, participant), CancellationToken.None);

    [Fact]
    public void Name_IsLocal()
    {
        Assert.Equal("local", new LocalParticipantAnalyzer().Name);
    }

    [Fact]
    public async Task AnalyseAsync_WorkshopJames_UrgentWithMedicationEvidenceAndDatedActions()
    {
        var (a, request) = await WorkshopAsync("James O'Connor", LocalAnalysisTestData.Embedder);

        Assert.True(a.Signals.Urgent);
        Assert.Contains("stopped taking my medication", request.Turns[Assert.Single(a.Signals.UrgentEvidence)].Text, StringComparison.Ordinal);
        Assert.False(a.Signals.Breakthrough);
        Assert.Contains(a.Challenges, c => c.Text.Contains("stopped taking my medication", StringComparison.Ordinal));
        var call = Assert.Single(a.ActionItems, i => i.Text.StartsWith("Call the practice", StringComparison.Ordinal));
        Assert.Equal(("James O'Connor", new DateOnly(2026, 3, 10)), (call.Owner, call.Due));
        Assert.Equal("Avery Stone", request.Turns[Assert.Single(call.Evidence)].Speaker);
        Assert.Contains(a.ActionItems, i => i.Text.Contains("Dr. Patel", StringComparison.Ordinal) && i.Due == new DateOnly(2026, 3, 11));
        Assert.Contains(a.Recommendations, r => r.Text.Contains("healthcare professional", StringComparison.Ordinal));
        Assert.Contains("urgent", a.Narrative, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyseAsync_WorkshopPriya_BreakthroughAndTwoDatedCommitments()
    {
        var (a, request) = await WorkshopAsync("Priya Raman", LocalAnalysisTestData.Embedder);

        Assert.True(a.Signals.Breakthrough);
        Assert.Contains("that's it", request.Turns[a.Signals.BreakthroughEvidence[0]].Text, StringComparison.Ordinal);
        Assert.False(a.Signals.Urgent);
        Assert.Equal(
            [new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 13)],
            a.ActionItems.Select(i => i.Due));
        Assert.Contains(a.ActionItems, i => i.Text == "I'll tell my manager about the change by Friday March 13.");
    }

    [Fact]
    public async Task AnalyseAsync_WorkshopChen_ConfusedWithCoachAdvice()
    {
        var (a, request) = await WorkshopAsync("Chen Wei", LocalAnalysisTestData.Embedder);

        Assert.True(a.Signals.Confused);
        Assert.Contains("I'm a bit lost", request.Turns[Assert.Single(a.Signals.ConfusedEvidence)].Text, StringComparison.Ordinal);
        Assert.Contains(a.Recommendations, r => r.Text.StartsWith("Write down both", StringComparison.Ordinal));
        Assert.Contains(a.ActionItems, i => i.Text.Contains("pillow", StringComparison.Ordinal) && i.Due == new DateOnly(2026, 3, 18));
        Assert.DoesNotContain(a.ActionItems, i => i.Text.Contains("send each of you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnalyseAsync_WorkshopZoe_CoachAssignmentOwnedByParticipant()
    {
        var (a, _) = await WorkshopAsync("Zoë Müller", LocalAnalysisTestData.Embedder);

        var item = Assert.Single(a.ActionItems);
        Assert.Equal(("By Monday, send me one sentence about something you'd like to change.", "Zoë Müller", new DateOnly(2026, 3, 16)),
            (item.Text, item.Owner, item.Due));
        Assert.False(a.Signals.Urgent || a.Signals.Breakthrough || a.Signals.Confused);
        Assert.Contains("2 of 33 turns", a.Narrative, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyseAsync_WorkshopMaria_WinChallengeAndUndatedAction()
    {
        var (a, _) = await WorkshopAsync("Maria Lopez", LocalAnalysisTestData.Embedder);

        Assert.Contains(a.Wins, w => w.Text.Contains("four days out of seven", StringComparison.Ordinal));
        Assert.Contains(a.Challenges, c => c.Text.Contains("back-to-back meetings", StringComparison.Ordinal));
        var walk = Assert.Single(a.ActionItems);
        Assert.Null(walk.Due); // "starting Monday March 16" is when it starts, not when it is due
        Assert.DoesNotContain(a.Recommendations, r => r.Text.StartsWith("Write down both", StringComparison.Ordinal));
        Assert.False(a.Signals.Urgent || a.Signals.Breakthrough || a.Signals.Confused);
    }

    [Theory]
    [InlineData("Maria Lopez")]
    [InlineData("James O'Connor")]
    [InlineData("Priya Raman")]
    [InlineData("Chen Wei")]
    [InlineData("Zoë Müller")]
    public async Task AnalyseAsync_WorkshopParticipant_EveryItemAndSignalGrounded(string participant)
    {
        foreach (var embedder in new ILocalEmbedder?[] { null, LocalAnalysisTestData.Embedder })
        {
            var (a, request) = await WorkshopAsync(participant, embedder);

            Assert.All(Grounding.Items(a), i => Assert.True(Grounding.IsGrounded(i.Text, i.Evidence, request), $"{i.Category}: {i.Text}"));
            Assert.True(Grounding.SignalsGrounded(a.Signals, request));
            Assert.All(Grounding.Items(a).GroupBy(i => i.Category), g => Assert.True(g.Count() <= LocalParticipantAnalyzer.MaxItemsPerList));
            Assert.InRange(a.Narrative.Count(c => c == '.'), 1, 6);
            Assert.Equal(LocalParticipantAnalyzer.LocalUsage, a.Usage);
        }
    }

    [Fact]
    public async Task AnalyseAsync_OneOnOne_BreakthroughUrgentAndSplitActionItems()
    {
        var turns = LocalAnalysisTestData.Turns(Path.Combine(LocalAnalysisTestData.SamplesFolder, "one-on-one.vtt"));
        var request = LocalAnalysisTestData.Request(turns, "Daniel Okafor", "Avery Stone", new DateOnly(2026, 3, 10), "individual");

        var a = await new LocalParticipantAnalyzer(LocalAnalysisTestData.Embedder).AnalyseAsync(request, CancellationToken.None);

        Assert.True(a.Signals.Breakthrough);
        Assert.True(a.Signals.Urgent);
        Assert.Contains("tightness in my chest", request.Turns[a.Signals.UrgentEvidence[0]].Text, StringComparison.Ordinal);
        Assert.Contains(a.ActionItems, i => i.Text.Contains("alarm", StringComparison.Ordinal) && i.Due == new DateOnly(2026, 3, 24));
        Assert.Contains(a.ActionItems, i => i.Text.Contains("GP appointment booked", StringComparison.Ordinal) && i.Due == new DateOnly(2026, 3, 13));
        var advice = Assert.Single(a.Recommendations, r => r.Text.StartsWith("Write that down", StringComparison.Ordinal));
        Assert.Equal([7, 8], advice.Evidence); // the coach's turn and the participant turn it answers
    }

    [Theory]
    [InlineData("Sam: I stopped taking my medication last week.", true)]
    [InlineData("Sam: I haven't stopped taking my medication, I take it every day.", false)]
    [InlineData("Sam: I never stopped my meds.", false)]
    [InlineData("Sam: I'm not eating much these days.", true)]
    [InlineData("Sam: I had a panic attack on the train.", true)]
    [InlineData("Sam: No more panic attacks since I started therapy.", false)]
    [InlineData("Sam: Sometimes I think about hurting myself.", true)]
    [InlineData("Sam: I've never wanted to hurt myself.", false)]
    [InlineData("Sam: I get chest pain when I climb stairs.", true)]
    [InlineData("Sam: I don't have chest pain anymore.", false)]
    [InlineData("Sam: I fainted at work on Tuesday.", true)]
    [InlineData("Coach: Have you stopped taking your medication?\nSam: Not at all, it's going fine.", false)]
    public async Task AnalyseAsync_UrgencyCue_HonoursNegation(string transcript, bool urgent)
    {
        var a = await InlineAsync(transcript);

        Assert.Equal(urgent, a.Signals.Urgent);
    }

    [Theory]
    [InlineData("Sam: I'm confused about the homework.", true)]
    [InlineData("Sam: I'm not confused, just tired.", false)]
    [InlineData("Sam: What do you mean by a system?", true)]
    [InlineData("Sam: Sorry, you lost me there.", true)]
    [InlineData("Sam: I understand it now, thanks.", false)]
    public async Task AnalyseAsync_ConfusionCue_HonoursNegation(string transcript, bool confused)
    {
        var a = await InlineAsync(transcript);

        Assert.Equal(confused, a.Signals.Confused);
    }

    [Theory]
    [InlineData("Sam: It finally clicked for me this week.", true)]
    [InlineData("Sam: Now I get it, the plan was too big.", true)]
    [InlineData("Sam: That changes everything about how I plan.", true)]
    [InlineData("Sam: I ran three times, for the first time since school.", false)]
    [InlineData("Sam: I didn't realise it was due today.", false)]
    public async Task AnalyseAsync_BreakthroughCue_Detected(string transcript, bool breakthrough)
    {
        var a = await InlineAsync(transcript);

        Assert.Equal(breakthrough, a.Signals.Breakthrough);
    }

    [Fact]
    public async Task AnalyseAsync_NegatedWin_IsChallengeNotWin()
    {
        var a = await InlineAsync("Sam: I didn't manage it once this week. But I finished the report on time.");

        Assert.Equal(["I finished the report on time."], a.Wins.Select(w => w.Text));
        Assert.Equal(["I didn't manage it once this week."], a.Challenges.Select(c => c.Text));
    }

    [Fact]
    public async Task AnalyseAsync_ChallengeWithTemplateCue_AddsGroundedRecommendation()
    {
        var text = "Sam: I keep procrastinating on my tax return.";
        var request = LocalAnalysisTestData.Request(text, "Sam");

        var a = await new LocalParticipantAnalyzer().AnalyseAsync(request, CancellationToken.None);

        var advice = Assert.Single(a.Recommendations);
        Assert.Contains("procrastinating", advice.Text, StringComparison.Ordinal);
        Assert.Equal([0], advice.Evidence);
    }

    [Fact]
    public async Task AnalyseAsync_RepeatedItems_DeduplicatedWithMergedEvidence()
    {
        var transcript = "Sam: I'll send the report to Ana by Friday.\nCoach: Good.\nSam: I'll send the report to Ana by Friday!\n" +
                         "Coach: Great.\nSam: I will send the report to Ana by this Friday.";
        var request = LocalAnalysisTestData.Request(transcript, "Sam");

        var a = await new LocalParticipantAnalyzer(LocalAnalysisTestData.Embedder).AnalyseAsync(request, CancellationToken.None);

        var item = Assert.Single(a.ActionItems);
        Assert.Equal([0, 2, 4], item.Evidence);
        Assert.Equal(new DateOnly(2026, 3, 13), item.Due);
    }

    [Fact]
    public async Task AnalyseAsync_ParticipantWhoNeverSpoke_SaysSoWithoutItems()
    {
        var a = await InlineAsync("Coach: Welcome, everyone.\nAna: Hi.", "Priyanka Das");

        Assert.Empty(Grounding.Items(a));
        Assert.Empty(a.Bullets);
        Assert.Equal("Priyanka Das did not speak in this individual session.", a.Narrative);
    }

    [Fact]
    public async Task AnalyseAsync_SameInputTwice_SameOutput()
    {
        var turns = LocalAnalysisTestData.Turns(Path.Combine(LocalAnalysisTestData.LabelledFolder, "career-group.txt"));
        var request = LocalAnalysisTestData.Request(turns, "Tom Becker", "Sam Rivera", new DateOnly(2026, 3, 5));

        var first = await new LocalParticipantAnalyzer(LocalAnalysisTestData.Embedder).AnalyseAsync(request, CancellationToken.None);
        var second = await new LocalParticipantAnalyzer(LocalAnalysisTestData.Embedder).AnalyseAsync(request, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(first), JsonSerializer.Serialize(second));
        Assert.NotEmpty(first.ActionItems);
    }

    [Fact]
    public async Task AnalyseAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new LocalParticipantAnalyzer().AnalyseAsync(LocalAnalysisTestData.Request("Sam: Hello there.", "Sam"), cancelled.Token));
    }
}
