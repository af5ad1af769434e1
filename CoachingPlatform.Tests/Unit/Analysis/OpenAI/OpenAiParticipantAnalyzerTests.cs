using System.Text.Json.Nodes;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Analysis.OpenAI;
using CoachingPlatform.Core.Analysis.Prompts;
using CoachingPlatform.Tests.Infrastructure.FakeOpenAi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

/// <summary>The analyser through the real Microsoft.Extensions.AI.OpenAI client against a loopback fake server.</summary>
public sealed class OpenAiParticipantAnalyzerTests : FakeOpenAiTestBase
{

    private IParticipantAnalyzer Analyzer(IReadOnlyDictionary<string, string?>? overrides = null) =>
        Host(overrides).Services.GetRequiredService<IParticipantAnalyzer>();

    [Fact]
    public async Task AnalyseAsync_ShortTranscript_SendsModelTemperatureZeroSchemaAndIndexedTranscript()
    {
        Server.EnqueueChat(FakeReply.Json(OpenAiTestData.GoodReply));

        await Analyzer().AnalyseAsync(OpenAiTestData.Request(), CancellationToken.None);

        var request = Assert.Single(Server.ChatRequests);
        var json = request.Json!;
        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal(0.0, json["temperature"]!.GetValue<double>());
        Assert.False(request.Streaming);
        Assert.Equal("Bearer " + FakeOpenAiServer.ApiKey, request.Headers["Authorization"]);

        var format = json["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        var properties = Assert.IsType<JsonObject>(format["json_schema"]!["schema"]!["properties"]);
        Assert.Equal(
            ["actionItems", "breakthrough", "bullets", "challenges", "confused", "narrative", "recommendations", "urgent", "wins"],
            properties.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("integer", properties["wins"]!["items"]!["properties"]!["evidence"]!["items"]!["type"]!.GetValue<string>());

        var messages = request.Messages;
        Assert.Equal(["system", "user"], messages.Select(m => m.Role));
        Assert.Contains("evidence", messages[0].Content, StringComparison.Ordinal);
        Assert.Contains("The coach's turns are context", messages[0].Content, StringComparison.Ordinal);
        var user = messages[1].Content;
        Assert.Contains("Participant to summarise: Maria (speaker labels: Maria)", user, StringComparison.Ordinal);
        Assert.Contains("[0] Coach Anna: Welcome everyone. Maria, how did the week go?\n", user, StringComparison.Ordinal);
        // A turn's own line breaks are flattened so every transcript line starts with its index.
        Assert.Contains("[1] Maria: I walked three times this week, which felt great.\n", user, StringComparison.Ordinal);
        Assert.Contains("[7] Coach Anna: Great plan.", user, StringComparison.Ordinal);
        Assert.DoesNotContain("part 1 of", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyseAsync_GoodReply_MapsItemsEvidenceSignalsAndUsage()
    {
        Server.EnqueueChat(FakeReply.Json(OpenAiTestData.GoodReply, promptTokens: 812, completionTokens: 164));

        var analysis = await Analyzer().AnalyseAsync(OpenAiTestData.Request(), CancellationToken.None);

        Assert.Equal("Maria walked three times this week and plans to walk before work.", analysis.Narrative);
        Assert.Equal(3, analysis.Bullets.Count);
        var win = Assert.Single(analysis.Wins);
        Assert.Equal("Walked three times this week", win.Text);
        Assert.Equal([1], win.Evidence);
        Assert.Equal([3], Assert.Single(analysis.Challenges).Evidence);
        var action = Assert.Single(analysis.ActionItems);
        Assert.Equal("Maria", action.Owner);
        Assert.Equal(new DateOnly(2026, 3, 3), action.Due);
        Assert.Equal([5, 6], action.Evidence);
        Assert.Single(analysis.Recommendations);
        Assert.False(analysis.Signals.Breakthrough);
        Assert.False(analysis.Signals.Urgent);
        Assert.True(analysis.Signals.Confused);
        Assert.Equal([3], analysis.Signals.ConfusedEvidence);
        Assert.Equal(new AnalysisUsage("openai", "gpt-4o-mini", ParticipantSummaryPrompt.Version, 812, 164), analysis.Usage);
    }

    [Fact]
    public async Task AnalyseAsync_WithInstructions_AppendsOrganisationInstructionsToTheSystemMessage()
    {
        Server.EnqueueChat(FakeReply.Json(OpenAiTestData.GoodReply));

        await Analyzer().AnalyseAsync(OpenAiTestData.Request(instructions: "Use the client's first name. Focus on movement goals."), CancellationToken.None);

        var system = Server.ChatRequests.Single().Messages[0].Content;
        Assert.StartsWith(ParticipantSummaryPrompt.System, system, StringComparison.Ordinal);
        Assert.EndsWith(ParticipantSummaryPrompt.InstructionsHeading + "\nUse the client's first name. Focus on movement goals.", system, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyseAsync_MalformedJson_ThrowsAnalysisRejectedWithoutRetrying()
    {
        Server.EnqueueChat(FakeReply.MalformedJson());

        await Assert.ThrowsAsync<AnalysisRejectedException>(() => Analyzer().AnalyseAsync(OpenAiTestData.Request(), CancellationToken.None));

        Assert.Single(Server.ChatRequests);
    }

    [Fact]
    public async Task AnalyseAsync_Refusal_ThrowsAnalysisRejected()
    {
        Server.EnqueueChat(FakeReply.Refused());

        var error = await Assert.ThrowsAsync<AnalysisRejectedException>(() => Analyzer().AnalyseAsync(OpenAiTestData.Request(), CancellationToken.None));

        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Server.ChatRequests);
    }

    [Fact]
    public async Task AnalyseAsync_ParticipantNeverSpoke_ReturnsAnEmptyAnalysisWithoutACall()
    {
        var request = OpenAiTestData.Request() with { ParticipantName = "Lee", ParticipantLabels = ["Lee"] };

        var analysis = await Analyzer().AnalyseAsync(request, CancellationToken.None);

        Assert.Empty(Server.Requests);
        Assert.Empty(analysis.Wins);
        Assert.Empty(analysis.ActionItems);
        Assert.Equal(0, analysis.Usage.InputTokens);
    }
}
