using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Tests.Infrastructure;
using CoachingPlatform.Tests.Integration.Clients;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CoachingPlatform.Tests.Integration.Protection;

/// <summary>
/// The API behind a (simulated) trusted proxy: the standard <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> switch makes
/// <c>X-Forwarded-For</c> the client address, so the tests can check the address an audit event records.
/// </summary>
public sealed class ProxiedApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ForwardedHeaders_Enabled", "true")];
}

public sealed class AuditTests : IClassFixture<ProxiedApiFactory>
{
    private const string UserAgent = "AuditTests/1.0 (+integration)";
    private const string ClientAddress = "203.0.113.42";
    private readonly ProxiedApiFactory _api;

    public AuditTests(ProxiedApiFactory api) => _api = api;

    [Fact]
    public async Task ClientReadPatchTimelineErase_EachWritesAnEventWithActorEntityActionAndAddress()
    {
        var seeded = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Ada Brooks {ClientSeed.Token()}", email: "ada@clinic.example");
        var coach = await ClientAsync(_api.A.CoachEmail);
        var admin = await ClientAsync(_api.A.AdminEmail);

        (await coach.GetAsync($"/api/v1/clients/{seeded.ClientId}")).EnsureSuccessStatusCode();
        (await coach.GetAsync($"/api/v1/clients/{seeded.ClientId}/timeline")).EnsureSuccessStatusCode();
        (await coach.PatchAsJsonAsync($"/api/v1/clients/{seeded.ClientId}", new { name = "Ada B. Brooks", email = "ada.b@clinic.example" })).EnsureSuccessStatusCode();
        (await coach.GetAsync($"/api/v1/clients?search={Uri.EscapeDataString("Ada B. Brooks")}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/clients/{seeded.ClientId}")).StatusCode);

        await using var db = _api.CreateDbContext();
        var events = await db.AuditEvents.AsNoTracking().Where(a => a.EntityId == seeded.ClientId).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [
                (AuditActions.Read, _api.A.CoachId), (AuditActions.Read, _api.A.CoachId), (AuditActions.Update, _api.A.CoachId),
                (AuditActions.Read, _api.A.CoachId), (AuditActions.Erase, _api.A.AdminId),
            ],
            events.Select(e => (e.Action, e.ActorCoachId!.Value)).ToList());
        Assert.All(events, e =>
        {
            Assert.Equal(_api.A.OrganizationId, e.OrganizationId);
            Assert.Equal(AuditEntityTypes.Client, e.EntityType);
            Assert.Equal(ClientAddress, e.IpAddress);
            Assert.Equal(UserAgent, e.UserAgent);
            Assert.InRange((_api.Time.GetUtcNow() - e.OccurredAt).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)); // timestamptz keeps microseconds
            // Ids and field names only: nothing that was read or written.
            Assert.DoesNotContain("Ada", e.Details ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@", e.Details ?? "", StringComparison.Ordinal);
        });
        Assert.Equal("""{"view": "timeline"}""", events[1].Details);
        Assert.Equal("""{"fields": ["name", "email"]}""", events[2].Details);
        Assert.Equal("""{"view": "list"}""", events[3].Details);
        using var erase = JsonDocument.Parse(events[4].Details!);
        Assert.Equal(seeded.ClientSessionId, erase.RootElement.GetProperty("clientSessionIds")[0].GetGuid());
        Assert.Equal(seeded.SummaryId, erase.RootElement.GetProperty("summaryIds")[0].GetGuid());
        Assert.Equal(seeded.FollowUpId, erase.RootElement.GetProperty("followUpIds")[0].GetGuid());
    }

    [Fact]
    public async Task AuditEvents_UpdateDeleteOrTruncate_AreRejectedByTheDatabase()
    {
        long id;
        await using (var db = _api.CreateDbContext())
        {
            var audit = new AuditEvent
            {
                OrganizationId = _api.A.OrganizationId,
                Action = AuditActions.Read,
                EntityType = AuditEntityTypes.Client,
                EntityId = Guid.NewGuid(),
                OccurredAt = _api.Time.GetUtcNow(),
            };
            db.AuditEvents.Add(audit);
            await db.SaveChangesAsync();
            id = audit.Id;
        }

        string[] statements =
        [
            $"UPDATE audit_events SET action = 'tampered' WHERE id = {id}",
            $"DELETE FROM audit_events WHERE id = {id}",
            "TRUNCATE audit_events",
        ];
        await using var connection = new NpgsqlConnection(_api.Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
            Assert.Contains("audit_events is append-only", error.MessageText, StringComparison.Ordinal);
        }

        // EF Core gets the same answer.
        await using var ef = _api.CreateDbContext();
        var row = await ef.AuditEvents.SingleAsync(a => a.Id == id);
        row.Action = AuditActions.Delete;
        await Assert.ThrowsAsync<DbUpdateException>(() => ef.SaveChangesAsync());
        await using var check = _api.CreateDbContext();
        Assert.Equal(AuditActions.Read, (await check.AuditEvents.AsNoTracking().SingleAsync(a => a.Id == id)).Action);
    }

    [Theory]
    [InlineData("coach")]
    [InlineData("lead")]
    public async Task GetAudit_NotAnAdmin_Is403(string who)
    {
        var client = await ClientAsync(who == "coach" ? _api.A.CoachEmail : _api.A.LeadEmail);

        var response = await client.GetAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetAudit_Admin_ListsTheOrganisationsEventsNewestFirstWithEveryFilter()
    {
        var first = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Bea Stone {ClientSeed.Token()}");
        var second = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Cal Stone {ClientSeed.Token()}");
        var other = await ClientSeed.ClientWithSessionAsync(_api, _api.B.OrganizationId, _api.B.CoachId, $"Dee Stone {ClientSeed.Token()}");
        var coach = await ClientAsync(_api.A.CoachEmail);
        var lead = await ClientAsync(_api.A.LeadEmail);
        var admin = await ClientAsync(_api.A.AdminEmail);
        (await (await ClientAsync(_api.B.AdminEmail)).GetAsync($"/api/v1/clients/{other.ClientId}")).EnsureSuccessStatusCode();

        var t0 = _api.Time.GetUtcNow();
        (await coach.GetAsync($"/api/v1/clients/{first.ClientId}")).EnsureSuccessStatusCode();
        _api.Time.Advance(TimeSpan.FromMinutes(1));
        var t1 = _api.Time.GetUtcNow();
        (await lead.GetAsync($"/api/v1/clients/{first.ClientId}")).EnsureSuccessStatusCode();
        (await lead.PatchAsJsonAsync($"/api/v1/clients/{second.ClientId}", new { aliases = new[] { "Cally" } })).EnsureSuccessStatusCode();
        _api.Time.Advance(TimeSpan.FromMinutes(1));
        var t2 = _api.Time.GetUtcNow();

        var byEntity = await ListAsync(admin, $"entityType=client&entityId={first.ClientId}");
        Assert.Equal(2, byEntity.GetProperty("total").GetInt32());
        Assert.Equal([_api.A.LeadId, _api.A.CoachId], Items(byEntity).Select(e => e.GetProperty("actorId").GetGuid()).ToList()); // newest first
        var item = Items(byEntity)[0];
        Assert.Equal("read", item.GetProperty("action").GetString());
        Assert.Equal("client", item.GetProperty("entityType").GetString());
        Assert.Equal(first.ClientId, item.GetProperty("entityId").GetGuid());
        Assert.Equal(ClientAddress, item.GetProperty("ipAddress").GetString());
        Assert.Equal(UserAgent, item.GetProperty("userAgent").GetString());

        var byActor = await ListAsync(admin, $"actorId={_api.A.LeadId}&from={Q(t1)}&to={Q(t2)}");
        Assert.Equal(
            [("update", second.ClientId), ("read", first.ClientId)],
            Items(byActor).Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("entityId").GetGuid())).ToList());
        Assert.Equal(["aliases"], Items(byActor)[0].GetProperty("details").GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ToList());

        var beforeT1 = await ListAsync(admin, $"entityId={first.ClientId}&from={Q(t0)}&to={Q(t1)}");
        Assert.Equal([_api.A.CoachId], Items(beforeT1).Select(e => e.GetProperty("actorId").GetGuid()).ToList());
        var updates = await ListAsync(admin, $"action=update&entityId={second.ClientId}");
        Assert.Equal(1, updates.GetProperty("total").GetInt32());

        // Paging, and another organisation's events are not there.
        var paged = await ListAsync(admin, $"entityId={first.ClientId}&page=2&pageSize=1");
        Assert.Equal(2, paged.GetProperty("page").GetInt32());
        Assert.Equal(1, paged.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, paged.GetProperty("total").GetInt32());
        Assert.Equal(_api.A.CoachId, Items(paged).Single().GetProperty("actorId").GetGuid());
        Assert.Equal(0, (await ListAsync(admin, $"entityId={other.ClientId}")).GetProperty("total").GetInt32());

        var backwards = await admin.GetAsync($"/api/v1/audit?from={Q(t2)}&to={Q(t0)}");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("COACH_100", (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private async Task<HttpClient> ClientAsync(string email)
    {
        var client = await _api.ClientForAsync(email);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ClientAddress);
        return client;
    }

    private static async Task<JsonElement> ListAsync(HttpClient admin, string query)
    {
        var response = await admin.GetAsync($"/api/v1/audit?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));
}
