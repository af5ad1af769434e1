using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;
using CoachingPlatform.Tests.Infrastructure.FakeOpenAi;
using CoachingPlatform.Tests.Unit.Analysis.OpenAI;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Tests.Integration.Sessions;

/// <summary>The platform with the OpenAI-compatible analyser pointed at a loopback fake, two job attempts, short backoff.</summary>
public sealed class FakeProviderPlatformFixture : PlatformFixture
{
    public FakeOpenAiServer Provider { get; private set; } = null!;

    /// <summary>Participants whose analysis the fake provider answers with malformed JSON.</summary>
    public HashSet<string> Failing { get; } = [];

    protected override async Task<IEnumerable<KeyValuePair<string, string?>>> SettingsAsync()
    {
        Provider = await FakeOpenAiServer.StartAsync();
        Provider.ChatResponder = request => Failing.Any(name => request.Body.Contains($"Participant to summarise: {name}", StringComparison.Ordinal))
            ? FakeReply.MalformedJson()
            : FakeReply.Json(OpenAiTestData.GoodReply);
        return Provider.Settings().Concat(new Dictionary<string, string?>
        {
            ["Jobs:MaxAttempts"] = "2",
            ["Jobs:BaseBackoff"] = "00:00:00.200",
        });
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class AnalysisFailureTests(FakeProviderPlatformFixture platform) : IClassFixture<FakeProviderPlatformFixture>
{
    private const string Workshop = """
        Avery Stone: Welcome back everyone. How did the week go?
        Maria Lopez: I finally finished the report I kept putting off. It felt great.
        Dr. Lee: I am not sure I understand the homework. What were we supposed to track?
        Avery Stone: Track when you procrastinate and what you feel. Does that help?
        Lee: Yes, that makes sense now.
        Maria: I will block two hours on Monday for deep work.
        """;

    [Fact]
    public async Task Analysis_OneParticipantFails_OthersAreKeptSessionNeedsAttentionAndReprocessFinishesIt()
    {
        platform.Failing.Add("Maria Lopez");
        var (coach, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.A.CoachEmail);
        var upload = await coach.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var status = await WaitForAsync(coach, id, "NeedsAttention");
        Assert.Contains("1 of 2", status.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var summaries = (await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/summaries")).GetProperty("items").EnumerateArray().ToList();
        var lee = Assert.Single(summaries); // Lee's summary was kept; Maria's failed on both attempts
        Assert.Equal("Dr. Lee", lee.GetProperty("clientName").GetString());
        var leeSummaryId = lee.GetProperty("id").GetGuid();
        var mariaCallsBefore = platform.Provider.ChatRequests.Count(r => r.Body.Contains("Participant to summarise: Maria Lopez", StringComparison.Ordinal));
        Assert.Equal(2, mariaCallsBefore); // one per job attempt: a malformed answer is not retried within an attempt

        platform.Failing.Clear();
        var reprocess = await coach.PostAsync($"/api/v1/sessions/{id}/reprocess", null);
        Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        await WaitForAsync(coach, id, "ReadyForReview");

        summaries = (await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/summaries")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, summaries.Count);
        Assert.Equal(leeSummaryId, summaries.Single(s => s.GetProperty("clientName").GetString() == "Dr. Lee").GetProperty("id").GetGuid());
        // Only the failed participant was analysed again.
        Assert.DoesNotContain(platform.Provider.ChatRequests.Skip(mariaCallsBefore + 1), r => r.Body.Contains("Participant to summarise: Dr. Lee", StringComparison.Ordinal));
        await using var db = platform.Database.CreateContext();
        Assert.Equal(2, await db.FollowUps.CountAsync(f => f.Summary.ClientSession.SessionId == id)); // one draft each, none twice
        // Token usage of every successful call is stored with the session (the fake reports 120 in / 40 out per call).
        var metadata = JsonDocument.Parse((await db.Sessions.SingleAsync(s => s.Id == id)).Metadata!).RootElement;
        Assert.Equal("openai", metadata.GetProperty("analyzer").GetString());
        Assert.Equal("240", metadata.GetProperty("inputTokens").GetString());
        Assert.Equal("80", metadata.GetProperty("outputTokens").GetString());
    }

    [Fact]
    public async Task Analysis_OrganisationPromptTemplate_IsRenderedPerParticipantAndSentToTheProvider()
    {
        await using (var db = platform.Database.CreateContext())
        {
            db.Templates.Add(new CoachingPlatform.Core.Templates.Template
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = platform.B.OrganizationId,
                Name = "Momentum prompt",
                Kind = CoachingPlatform.Core.Templates.TemplateKind.Prompt,
                SessionType = "group",
                Content = "Frame the items of {{participantName}} with the Momentum method of {{organizationName}}.",
                RequiredVariables = ["participantName", "organizationName"],
                IsDefault = true,
            });
            await db.SaveChangesAsync();
        }

        var (coach, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.B.CoachEmail);
        var upload = await coach.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForAsync(coach, id, "ReadyForReview");

        Assert.Contains(platform.Provider.ChatRequests, r => r.Body.Contains("Frame the items of Maria Lopez with the Momentum method of Org B", StringComparison.Ordinal));
        Assert.Contains(platform.Provider.ChatRequests, r => r.Body.Contains("Frame the items of Dr. Lee with the Momentum method of Org B", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Guid id, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/status", timeout.Token);
            if (status.GetProperty("status").GetString() == expected)
            {
                return status;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
