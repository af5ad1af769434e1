using System.Net;
using System.Net.Http.Json;
using CoachingPlatform.Core.Audit;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Tests.Integration.Clients;

public sealed class ClientErasureTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;

    public ClientErasureTests(ApiFactory api) => _api = api;

    [Fact]
    public async Task Delete_Admin_RemovesEveryRowOfTheClientKeepsOthersAndTheEraseAudit()
    {
        var erased = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Erin Hale {ClientSeed.Token()}", email: "erin@clinic.example");
        var keeper = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Kim Hale {ClientSeed.Token()}", email: "kim@clinic.example");
        // The erased client also took part in the keeper's session (a group workshop): only their own rows go.
        var sharedParticipation = await AddParticipationAsync(erased.ClientId, keeper.SessionId);
        var admin = await _api.ClientForAsync(_api.A.AdminEmail);

        var response = await admin.DeleteAsync($"/api/v1/clients/{erased.ClientId}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var db = _api.CreateDbContext();
        Assert.False(await db.Clients.AnyAsync(c => c.Id == erased.ClientId));
        Assert.False(await db.ClientSessions.AnyAsync(cs => cs.ClientId == erased.ClientId));
        Assert.False(await db.ClientSessions.AnyAsync(cs => cs.Id == sharedParticipation));
        Assert.False(await db.Summaries.AnyAsync(s => s.Id == erased.SummaryId || s.ClientSessionId == erased.ClientSessionId));
        Assert.False(await db.SummaryRevisions.AnyAsync(r => r.Id == erased.RevisionId || r.SummaryId == erased.SummaryId));
        Assert.False(await db.FollowUps.AnyAsync(f => f.Id == erased.FollowUpId || f.SummaryId == erased.SummaryId));
        Assert.False(await db.SummaryTags.AnyAsync(t => t.SummaryId == erased.SummaryId));
        Assert.False(await db.ClientTags.AnyAsync(t => t.ClientId == erased.ClientId));
        // The client's name no longer stands in the participant hints of their sessions; other hints stay.
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.Id == erased.SessionId || s.Id == keeper.SessionId).ToListAsync();
        Assert.All(sessions, s => Assert.DoesNotContain(erased.Name, s.ParticipantHints));
        Assert.Contains("Somebody Else", sessions.Single(s => s.Id == erased.SessionId).ParticipantHints);
        Assert.Contains(keeper.Name, sessions.Single(s => s.Id == keeper.SessionId).ParticipantHints);

        // Nothing else went: the sessions, the tag, and the other client with everything of theirs.
        Assert.Equal(2, sessions.Count);
        Assert.True(await db.Tags.AnyAsync(t => t.Id == erased.TagId));
        Assert.True(await db.Clients.AnyAsync(c => c.Id == keeper.ClientId));
        Assert.True(await db.ClientSessions.AnyAsync(cs => cs.Id == keeper.ClientSessionId));
        Assert.True(await db.Summaries.AnyAsync(s => s.Id == keeper.SummaryId));
        Assert.True(await db.SummaryRevisions.AnyAsync(r => r.Id == keeper.RevisionId));
        Assert.True(await db.FollowUps.AnyAsync(f => f.Id == keeper.FollowUpId));
        Assert.True(await db.ClientTags.AnyAsync(t => t.ClientId == keeper.ClientId));

        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.EntityId == erased.ClientId && a.Action == AuditActions.Erase);
        Assert.Equal(_api.A.AdminId, audit.ActorCoachId);
        Assert.Equal(AuditEntityTypes.Client, audit.EntityType);
        Assert.Equal("127.0.0.1", audit.IpAddress);
        Assert.Contains(erased.SummaryId.ToString(), audit.Details, StringComparison.Ordinal);
        Assert.Contains(sharedParticipation.ToString(), audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Erin", audit.Details, StringComparison.Ordinal);

        var again = await admin.DeleteAsync($"/api/v1/clients/{erased.ClientId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/clients/{erased.ClientId}")).StatusCode);
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.EntityId == erased.ClientId && a.Action == AuditActions.Erase));
    }

    [Theory]
    [InlineData("coach")]
    [InlineData("lead")]
    public async Task Delete_CoachOrLeadWhoSeesTheClient_Is403AndNothingChanges(string who)
    {
        var seeded = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Fay Moss {ClientSeed.Token()}");
        var caller = await _api.ClientForAsync(who == "coach" ? _api.A.CoachEmail : _api.A.LeadEmail);
        Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync($"/api/v1/clients/{seeded.ClientId}")).StatusCode);

        var response = await caller.DeleteAsync($"/api/v1/clients/{seeded.ClientId}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("COACH_403", (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString());
        await AssertUntouchedAsync(seeded);
    }

    [Fact]
    public async Task OtherOrganisation_GetPatchDeleteTimeline_Are404AndNothingChanges()
    {
        var seeded = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Gus Lind {ClientSeed.Token()}", email: "gus@clinic.example");
        var auditBefore = await AuditCountAsync(seeded.ClientId);

        foreach (var email in new[] { _api.B.CoachEmail, _api.B.LeadEmail, _api.B.AdminEmail })
        {
            var intruder = await _api.ClientForAsync(email);
            var responses = new[]
            {
                await intruder.GetAsync($"/api/v1/clients/{seeded.ClientId}"),
                await intruder.PatchAsJsonAsync($"/api/v1/clients/{seeded.ClientId}", new { name = "Hijacked", email = "x@evil.example" }),
                await intruder.DeleteAsync($"/api/v1/clients/{seeded.ClientId}"),
                await intruder.GetAsync($"/api/v1/clients/{seeded.ClientId}/timeline"),
            };
            foreach (var response in responses)
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("Gus", body, StringComparison.Ordinal);
                Assert.DoesNotContain("gus@", body, StringComparison.Ordinal);
            }
        }

        await AssertUntouchedAsync(seeded);
        Assert.Equal(auditBefore, await AuditCountAsync(seeded.ClientId));
    }

    private async Task AssertUntouchedAsync(SeededClient seeded)
    {
        await using var db = _api.CreateDbContext();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == seeded.ClientId);
        Assert.Equal(seeded.Name, client.Name);
        Assert.Equal([seeded.Alias], client.Aliases);
        Assert.True(await db.ClientSessions.AnyAsync(cs => cs.Id == seeded.ClientSessionId));
        Assert.True(await db.Summaries.AnyAsync(s => s.Id == seeded.SummaryId));
        Assert.True(await db.FollowUps.AnyAsync(f => f.Id == seeded.FollowUpId));
        Assert.True(await db.ClientTags.AnyAsync(t => t.ClientId == seeded.ClientId));
        Assert.False(await db.AuditEvents.AnyAsync(a => a.EntityId == seeded.ClientId && a.Action != AuditActions.Read));
    }

    private async Task<int> AuditCountAsync(Guid clientId)
    {
        await using var db = _api.CreateDbContext();
        return await db.AuditEvents.CountAsync(a => a.EntityId == clientId);
    }

    private async Task<Guid> AddParticipationAsync(Guid clientId, Guid sessionId)
    {
        await using var db = _api.CreateDbContext();
        var participation = new Core.Sessions.ClientSession
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = _api.A.OrganizationId,
            SessionId = sessionId,
            ClientId = clientId,
            SpeakerLabel = "Erin",
        };
        db.ClientSessions.Add(participation);
        await db.SaveChangesAsync();
        return participation.Id;
    }
}
