using System.Globalization;
using System.Text.RegularExpressions;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Transcripts;
using CoachingPlatform.Tests.Infrastructure.FakeOpenAi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

/// <summary>A transcript over the context budget is analysed in chunks (real o200k token counts) and merged.</summary>
public sealed partial class OpenAiChunkingTests : FakeOpenAiTestBase
{
    private static readonly string[] Speakers = ["Coach Anna", "Maria", "Sam", "Maria", "Coach Anna", "Lee"];


    private static List<TranscriptTurn> LongTranscript(int turns) =>
        Enumerable.Range(0, turns).Select(i => new TranscriptTurn(
            i,
            Speakers[i % Speakers.Length],
            i * 20,
            (i * 20) + 18,
            string.Create(CultureInfo.InvariantCulture,
                $"In turn {i} I talk about walking, sleep, stress at work and the plan for the coming week, adding detail number {i * 7} so that this line is long enough to matter when tokens are counted."))).ToList();

    [GeneratedRegex(@"^\[(\d+)\] Maria:", RegexOptions.Multiline)]
    private static partial Regex MariaLine();

    private static int[] MariaTurnsIn(RecordedRequest request) =>
        MariaLine().Matches(request.Messages[1].Content).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public async Task AnalyseAsync_TranscriptOverTheContextBudget_AnalysesOverlappingChunksAndMergesThem()
    {
        // Each chunk's answer: a win only this chunk can produce, and one every chunk repeats (to be de-duplicated).
        Server.ChatResponder = request =>
        {
            var maria = MariaTurnsIn(request);
            return FakeReply.Json(new
            {
                narrative = "Maria is building a walking routine.",
                bullets = new[] { "Walking routine" },
                wins = new object[]
                {
                    new { text = $"Win from turn {maria[0]}", evidence = new[] { maria[0] } },
                    new { text = "Keeps a walking routine.", evidence = new[] { maria[^1] } },
                },
                challenges = Array.Empty<object>(),
                actionItems = Array.Empty<object>(),
                recommendations = Array.Empty<object>(),
                breakthrough = new { present = false, evidence = Array.Empty<int>() },
                urgent = new { present = maria.Contains(13), evidence = maria.Contains(13) ? new[] { 13 } : [] },
                confused = new { present = false, evidence = Array.Empty<int>() },
            }, promptTokens: 100, completionTokens: 20);
        };
        var turns = LongTranscript(90);
        var analyzer = Host(new Dictionary<string, string?>
        {
            ["MaxContextTokens"] = "2600",
            ["MaxOutputTokens"] = "200",
            ["ChunkOverlapTurns"] = "2",
        }).Services.GetRequiredService<IParticipantAnalyzer>();

        var analysis = await analyzer.AnalyseAsync(OpenAiTestData.Request(turns: turns), CancellationToken.None);

        var requests = Server.ChatRequests;
        Assert.True(requests.Count > 1, $"{requests.Count} request(s)");
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Contains($"This is part {i + 1} of {requests.Count} of a long transcript", requests[i].Messages[1].Content, StringComparison.Ordinal);
        }

        // Never truncated: each of Maria's turns is in at least one chunk.
        var mariaTurns = turns.Where(t => t.Speaker == "Maria").Select(t => t.Index).ToHashSet();
        var sent = requests.SelectMany(MariaTurnsIn).ToHashSet();
        Assert.Subset(sent, mariaTurns);

        // Items of the first and the last chunk are both in the merged result; the repeated one is merged.
        var firstChunkWin = $"Win from turn {MariaTurnsIn(requests[0])[0]}";
        var lastChunkWin = $"Win from turn {MariaTurnsIn(requests[^1])[0]}";
        Assert.NotEqual(firstChunkWin, lastChunkWin);
        Assert.Contains(analysis.Wins, w => w.Text == firstChunkWin);
        Assert.Contains(analysis.Wins, w => w.Text == lastChunkWin);
        var routine = Assert.Single(analysis.Wins, w => w.Text == "Keeps a walking routine.");
        Assert.Equal(requests.Select(r => MariaTurnsIn(r)[^1]).Distinct().Order(), routine.Evidence);
        Assert.Equal("Maria is building a walking routine.", analysis.Narrative);

        // A signal seen in one chunk survives the merge; usage is the sum over the chunks.
        Assert.True(analysis.Signals.Urgent);
        Assert.Equal([13], analysis.Signals.UrgentEvidence);
        Assert.Equal(100 * requests.Count, analysis.Usage.InputTokens);
        Assert.Equal(20 * requests.Count, analysis.Usage.OutputTokens);
    }

    [Fact]
    public async Task AnalyseAsync_TranscriptWithinTheBudget_SendsOneRequestWithEveryTurn()
    {
        var turns = LongTranscript(30);
        var analyzer = Host().Services.GetRequiredService<IParticipantAnalyzer>();

        await analyzer.AnalyseAsync(OpenAiTestData.Request(turns: turns), CancellationToken.None);

        var request = Assert.Single(Server.ChatRequests);
        Assert.Contains("[29] Lee:", request.Messages[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyseAsync_OneTurnLargerThanTheContext_IsRejectedNotCut()
    {
        var huge = string.Join(' ', Enumerable.Repeat("walking", 3000));
        var turns = new List<TranscriptTurn> { new(0, "Coach Anna", null, null, "Hello."), new(1, "Maria", null, null, huge) };
        var analyzer = Host(new Dictionary<string, string?>
        {
            ["MaxContextTokens"] = "2600",
            ["MaxOutputTokens"] = "200",
        }).Services.GetRequiredService<IParticipantAnalyzer>();

        var error = await Assert.ThrowsAsync<AnalysisRejectedException>(() => analyzer.AnalyseAsync(OpenAiTestData.Request(turns: turns), CancellationToken.None));

        Assert.Contains("Turn 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }
}
