using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoachingPlatform.Tests.EndToEnd;

[Collection(AppHostCollection.Name)]
public sealed class IngestionEndToEndTests(AppHostFixture fixture)
{
    [Fact]
    public async Task Upload_SampleWorkshop_IsParsedByTheWorkerAndTheCoachIsToldOverSignalR()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var coach = await fixture.ClientForSeededAsync("demo@coaching.local", timeout.Token);
        var token = coach.DefaultRequestHeaders.Authorization!.Parameter!;

        var parsed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            // WebSockets, with the access token in the query string as browsers send it.
            .WithUrl(new Uri(coach.BaseAddress!, "/hubs/coaching"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        Guid? sessionId = null;
        hub.On<JsonElement>("SessionStatusChanged", e =>
        {
            if (e.GetProperty("status").GetString() == "ReadyForReview" && e.GetProperty("sessionId").GetGuid() == sessionId)
            {
                parsed.TrySetResult(e);
            }
        });
        await hub.StartAsync(timeout.Token);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "samples", "workshop.vtt"), timeout.Token));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/vtt");
        form.Add(file, "transcript", "workshop.vtt");
        form.Add(new StringContent("2026-11-20"), "sessionDate");
        form.Add(new StringContent("group"), "sessionType");
        var response = await coach.PostAsync("/api/v1/sessions", form, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        sessionId = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("id").GetGuid();

        var parsedEvent = await parsed.Task.WaitAsync(timeout.Token);
        Assert.Equal(sessionId, parsedEvent.GetProperty("sessionId").GetGuid());
        var detail = await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}", timeout.Token);
        Assert.Equal("ReadyForReview", detail.GetProperty("status").GetString());
        var participants = detail.GetProperty("participants").EnumerateArray().ToList();
        Assert.True(participants.Count >= 3, $"expected the workshop's participants, got {participants.Count}");
        Assert.DoesNotContain(participants, p => p.GetProperty("name").GetString() == "Avery Stone"); // the coach
        Assert.True(detail.GetProperty("durationMinutes").GetInt32() > 0);
        // Analysed by the local analyser: ranked 1..n, every participant summarised, every item grounded in a turn.
        Assert.Equal(Enumerable.Range(1, participants.Count), participants.Select(p => p.GetProperty("priorityRank").GetInt32()));
        var summaries = (await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}/summaries", timeout.Token)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(participants.Count, summaries.Count);
        var items = summaries.SelectMany(s => new[] { "wins", "challenges", "recommendations", "actionItems" }.SelectMany(k => s.GetProperty(k).EnumerateArray())).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.NotEmpty(i.GetProperty("evidence").EnumerateArray()));
        Assert.All(participants, p => Assert.Contains(p.GetProperty("engagementLevel").GetString(), new[] { "High", "Medium", "Low", "Silent" }));
        // speakingShare is over every speaker's time, the coach's included: the clients' shares sum to less than 1.
        Assert.InRange(participants.Sum(p => p.GetProperty("speakingShare").GetDouble()), 0.05, 0.95);
        // The sample's medication disclosure puts its speaker first in the review queue.
        Assert.True(participants[0].GetProperty("urgent").GetBoolean(), "the urgent participant should be ranked first");
    }

    [Fact]
    public async Task DevelopmentSeed_SampleWorkshop_IsProcessedOnFirstStart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var coach = await fixture.ClientForSeededAsync("demo@coaching.local", timeout.Token);

        JsonElement sample;
        do
        {
            await Task.Delay(200, timeout.Token);
            var list = await coach.GetFromJsonAsync<JsonElement>("/api/v1/sessions?pageSize=100", timeout.Token);
            sample = list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("title").GetString() == "Momentum Lab — week 3 (sample)");
        }
        while (sample.GetProperty("status").GetString() is "Uploaded" or "Parsing" or "Parsed" or "Analysing");

        Assert.Equal("ReadyForReview", sample.GetProperty("status").GetString());
        Assert.True(sample.GetProperty("participantCount").GetInt32() >= 3);
        // Another organisation's coach does not see it.
        using var other = await fixture.ClientForSeededAsync("other@coaching.local", timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/sessions/{sample.GetProperty("id").GetGuid()}", timeout.Token)).StatusCode);
    }
}
