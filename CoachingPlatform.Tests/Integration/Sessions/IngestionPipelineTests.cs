using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Core.Audit;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Tests.Integration.Sessions;

public sealed class IngestionPipelineTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Workshop = """
        Avery Stone: Welcome back everyone. How did the week go?
        Maria Lopez: I finally finished the report I kept putting off. It felt great.
        Dr. Lee: I am not sure I understand the homework. What were we supposed to track?
        Avery Stone: Good question. Track when you procrastinate and what you feel. Does that help?
        Lee: Yes, that makes sense now.
        Maria: I will block two hours on Monday for deep work.
        Avery Stone: Great. Let's meet again next week.
        """;

    [Fact]
    public async Task Upload_OnOneReplica_IsIngestedByTheWorkerAndStatusEventsReachAClientOnTheOtherReplica()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (uploader, _) = await PlatformFixture.SignInAsync(platform.Api2, platform.A.CoachEmail);
        var (_, token) = await PlatformFixture.SignInAsync(platform.Api1, platform.A.CoachEmail);

        var events = new ConcurrentQueue<(Guid SessionId, string Status, long Version)>();
        var parsed = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(platform.Api1.Server.BaseAddress, "/hubs/coaching"), o =>
            {
                o.HttpMessageHandlerFactory = _ => platform.Api1.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        hub.On<JsonElement>("SessionStatusChanged", e =>
        {
            var id = e.GetProperty("sessionId").GetGuid();
            var status = e.GetProperty("status").GetString()!;
            events.Enqueue((id, status, e.GetProperty("version").GetInt64()));
            if (status == "ReadyForReview")
            {
                parsed.TrySetResult(id);
            }
        });
        await hub.StartAsync(timeout.Token);

        var response = await uploader.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "workshop.txt"), timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        var sessionId = accepted.GetProperty("id").GetGuid();
        Assert.Equal("Uploaded", accepted.GetProperty("status").GetString());

        Assert.Equal(sessionId, await parsed.Task.WaitAsync(timeout.Token));
        // Each event exactly once; their versions put them in pipeline order whatever order they arrived in.
        var seen = events.Where(e => e.SessionId == sessionId).OrderBy(e => e.Version).Select(e => e.Status).ToList();
        Assert.Equal(["Uploaded", "Parsing", "Parsed", "Analysing", "ReadyForReview"], seen);

        var status = await uploader.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}/status", timeout.Token);
        Assert.Equal("ReadyForReview", status.GetProperty("status").GetString());
        Assert.Equal(100, status.GetProperty("progress").GetInt32());

        var detail = await uploader.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}", timeout.Token);
        var participants = detail.GetProperty("participants").EnumerateArray().ToList();
        // The coach (the uploader, Avery Stone) is not a participant; "Dr. Lee"/"Lee" and "Maria Lopez"/"Maria" are one person each.
        Assert.Equal(2, participants.Count);
        Assert.Equal(2, detail.GetProperty("participantCount").GetInt32());
        var names = participants.Select(p => p.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["Dr. Lee", "Maria Lopez"], names);
        var lee = participants.Single(p => p.GetProperty("name").GetString() == "Dr. Lee");
        Assert.Equal(2, lee.GetProperty("turnCount").GetInt32());
        Assert.Equal(1, lee.GetProperty("questionCount").GetInt32());
        var shares = participants.Sum(p => p.GetProperty("speakingShare").GetDouble());
        Assert.InRange(shares, 0.2, 0.95); // the coach's time is part of the total
        // Analysed: every participant has a summary and a place in the review queue, Lee (confused) before Maria.
        Assert.Equal([1, 2], participants.Select(p => p.GetProperty("priorityRank").GetInt32()));
        Assert.All(participants, p => Assert.NotEqual(JsonValueKind.Null, p.GetProperty("summaryId").ValueKind));
        var summaries = (await uploader.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}/summaries", timeout.Token)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, summaries.Count);
        var maria = summaries.Single(x => x.GetProperty("clientName").GetString() == "Maria Lopez");
        Assert.NotEmpty(maria.GetProperty("wins").EnumerateArray());
        Assert.All(maria.GetProperty("wins").EnumerateArray(), w => Assert.NotEmpty(w.GetProperty("evidence").EnumerateArray()));
        Assert.True(lee.GetProperty("confused").GetBoolean() || summaries.Single(x => x.GetProperty("clientName").GetString() == "Dr. Lee").GetProperty("confused").GetBoolean());
        await using var drafts = platform.Database.CreateContext();
        Assert.Equal(2, await drafts.FollowUps.CountAsync(f => f.Summary.ClientSession.SessionId == sessionId && f.Status == CoachingPlatform.Core.FollowUps.FollowUpStatus.Draft));

        var transcript = await uploader.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}/transcript", timeout.Token);
        var turns = transcript.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(7, turns.Count);
        Assert.Equal(JsonValueKind.Null, turns[0].GetProperty("clientId").ValueKind); // the coach
        Assert.Equal(turns[2].GetProperty("clientId").GetGuid(), turns[4].GetProperty("clientId").GetGuid()); // Dr. Lee == Lee
        await using var db = platform.Database.CreateContext();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.EntityType == AuditEntityTypes.Transcript && a.EntityId == sessionId && a.Action == AuditActions.Read));

        // Upload, ingest, analysis, drafts and the transcript read went through every host: no client name or transcript
        // text reached any log line, at any level.
        var lines = platform.Api1.Logs.Lines.Concat(platform.Api2.Logs.Lines).Concat(platform.Worker.Logs.Lines).ToList();
        Assert.NotEmpty(lines);
        foreach (var secret in new[] { "Maria Lopez", "Dr. Lee", "finished the report", "procrastinate", "deep work" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Upload_RetriedWithTheSameIdempotencyKey_ReturnsTheFirstSession()
    {
        var (client, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.A.LeadEmail);
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> UploadAsync(string text, HttpClient http)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions") { Content = UploadValidationTests.Form(Encoding.UTF8.GetBytes(text), "s.txt") };
            request.Headers.Add("Idempotency-Key", key);
            return await http.SendAsync(request);
        }

        var first = await UploadAsync(Workshop, client);
        var (other, _) = await PlatformFixture.SignInAsync(platform.Api2, platform.A.LeadEmail);
        var retry = await UploadAsync(Workshop, other);
        var different = await UploadAsync(Workshop + "\nMaria: One more thing.", client);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(firstId, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        await using var db = platform.Database.CreateContext();
        Assert.Equal(1, await db.Sessions.CountAsync(s => s.IdempotencyKey == key));
    }

    [Fact]
    public async Task Sessions_OfAnotherOrganisation_Are404AndNotListed()
    {
        var (owner, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.A.CoachEmail);
        var (stranger, _) = await PlatformFixture.SignInAsync(platform.Api2, platform.B.AdminEmail);
        var upload = await owner.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var path in new[] { $"/api/v1/sessions/{id}", $"/api/v1/sessions/{id}/status", $"/api/v1/sessions/{id}/transcript" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/sessions/{id}")).StatusCode);
        var list = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/sessions?pageSize=100");
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/sessions/{id}")).StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheSessionAndItsParticipation()
    {
        var (client, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.B.CoachEmail);
        var upload = await client.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(client, id, "ReadyForReview");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/sessions/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/sessions/{id}")).StatusCode);
        await using var db = platform.Database.CreateContext();
        Assert.False(await db.Sessions.AnyAsync(s => s.Id == id));
        Assert.False(await db.ClientSessions.AnyAsync(p => p.SessionId == id));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.EntityId == id && a.Action == AuditActions.Delete));
    }

    [Fact]
    public async Task Reprocess_AParsedSession_RunsAgainWithoutDuplicatingClients()
    {
        var (client, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.B.LeadEmail);
        var upload = await client.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop.Replace("Maria", "Rosa", StringComparison.Ordinal)), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(client, id, "ReadyForReview");
        await using var before = platform.Database.CreateContext();
        var clientsBefore = await before.Clients.CountAsync(c => c.OrganizationId == platform.B.OrganizationId);

        var reprocess = await client.PostAsync($"/api/v1/sessions/{id}/reprocess", null);

        Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        await WaitForStatusAsync(client, id, "ReadyForReview");
        await using var after = platform.Database.CreateContext();
        Assert.Equal(clientsBefore, await after.Clients.CountAsync(c => c.OrganizationId == platform.B.OrganizationId));
        Assert.Equal(2, await after.ClientSessions.CountAsync(p => p.SessionId == id));
    }

    [Fact]
    public async Task EraseClient_AfterIngestion_RemovesTheirTurnsAndNameFromTheStoredTranscript()
    {
        var (coach, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.B.CoachEmail);
        var (admin, _) = await PlatformFixture.SignInAsync(platform.Api2, platform.B.AdminEmail);
        var text = Workshop.Replace("Maria Lopez", "Ines Duarte", StringComparison.Ordinal).Replace("Maria:", "Ines:", StringComparison.Ordinal)
            + "\nDr. Lee: Ines, your report story inspired me.\n";
        var upload = await coach.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(text), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(coach, id, "ReadyForReview");
        var before = (await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/transcript")).GetProperty("turns").GetArrayLength();
        var detail = await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}");
        var ines = detail.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Ines Duarte").GetProperty("clientId").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/clients/{ines}")).StatusCode);

        var transcript = await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/transcript");
        var turns = transcript.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(before, turns.Count);
        var all = string.Join('\n', turns.Select(t => t.GetProperty("speaker").GetString() + ": " + t.GetProperty("text").GetString()));
        Assert.DoesNotContain("Ines", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("finally finished the report", all, StringComparison.Ordinal);
        Assert.Contains("Dr. Lee", all, StringComparison.Ordinal); // everyone else is untouched
        var remaining = (await coach.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}")).GetProperty("participants").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Dr. Lee"], remaining);
    }

    [Fact]
    public async Task Upload_TraceContext_FlowsThroughEveryPipelineStageInTheWorker()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("CoachingPlatform", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var (client, _) = await PlatformFixture.SignInAsync(platform.Api2, platform.A.AdminEmail);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions") { Content = UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "s.txt") };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var response = await client.SendAsync(request);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(client, id, "ReadyForReview");

        var names = spans.Select(a => a.DisplayName).ToHashSet();
        // The API's upload and the worker's stages (both jobs, parse, resolve, analyse per participant) are one trace.
        Assert.Superset(new HashSet<string> { "job sessions.ingest", "ingest session", "parse transcript", "job sessions.analyse", "analyse session", "analyse participant" }, names);
        Assert.Equal(2, spans.Count(a => a.DisplayName == "analyse participant"));
    }

    [Fact]
    public async Task Reprocess_AfterACoachApprovedASummary_Is409AndKeepsTheWork()
    {
        var (client, _) = await PlatformFixture.SignInAsync(platform.Api1, platform.A.LeadEmail);
        var upload = await client.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(client, id, "ReadyForReview");
        await using (var db = platform.Database.CreateContext())
        {
            var summary = await db.Summaries.FirstAsync(x => x.ClientSession.SessionId == id);
            summary.ApprovedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        var reprocess = await client.PostAsync($"/api/v1/sessions/{id}/reprocess", null);

        Assert.Equal(HttpStatusCode.Conflict, reprocess.StatusCode);
        Assert.Equal("COACH_311", (await reprocess.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await using var check = platform.Database.CreateContext();
        Assert.True(await check.Summaries.AnyAsync(x => x.ClientSession.SessionId == id && x.ApprovedAt != null));
    }

    [Fact]
    public async Task Reprocess_SessionLeftInProgressWithNoJob_IsRecovered()
    {
        var (client, _) = await PlatformFixture.SignInAsync(platform.Api2, platform.B.CoachEmail);
        var upload = await client.PostAsync("/api/v1/sessions", UploadValidationTests.Form(Encoding.UTF8.GetBytes(Workshop), "s.txt"));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await WaitForStatusAsync(client, id, "ReadyForReview");
        await using (var db = platform.Database.CreateContext())
        {
            // A worker died holding the last attempt: the session says Analysing, but no job will ever finish it.
            var session = await db.Sessions.SingleAsync(x => x.Id == id);
            session.Status = CoachingPlatform.Core.Sessions.SessionStatus.Analysing;
            await db.SaveChangesAsync();
        }

        var reprocess = await client.PostAsync($"/api/v1/sessions/{id}/reprocess", null);

        Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        await WaitForStatusAsync(client, id, "ReadyForReview");
    }

    private static async Task WaitForStatusAsync(HttpClient client, Guid id, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/status", timeout.Token);
            if (status.GetProperty("status").GetString() == expected)
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
