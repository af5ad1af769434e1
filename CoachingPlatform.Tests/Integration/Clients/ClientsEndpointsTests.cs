using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoachingPlatform.Tests.Integration.Clients;

public sealed class ClientsEndpointsTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;

    public ClientsEndpointsTests(ApiFactory api) => _api = api;

    [Fact]
    public async Task List_EachRole_SeesOwnTeamOrOrganisationClients()
    {
        var token = ClientSeed.Token();
        // A coach of org A outside the lead's team, with a client of their own.
        var (outsiderId, outsiderEmail) = await ClientSeed.CoachAsync(_api, _api.A.OrganizationId, CoachRole.Coach, leadId: null);
        var ofCoach = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Scope{token} Coachclient");
        var ofLead = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.LeadId, $"Scope{token} Leadclient");
        var ofOutsider = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, outsiderId, $"Scope{token} Outsiderclient");
        var withoutSession = await ClientSeed.ClientWithoutSessionAsync(_api, _api.A.OrganizationId, $"Scope{token} Nosession");
        var ofOtherOrg = await ClientSeed.ClientWithSessionAsync(_api, _api.B.OrganizationId, _api.B.CoachId, $"Scope{token} Otherorg");

        Assert.Equal([ofCoach.ClientId], await VisibleIdsAsync(_api.A.CoachEmail, token));
        Assert.Equal(new[] { ofCoach.ClientId, ofLead.ClientId }.Order(), (await VisibleIdsAsync(_api.A.LeadEmail, token)).Order());
        Assert.Equal([ofOutsider.ClientId], await VisibleIdsAsync(outsiderEmail, token));
        Assert.Equal(
            new[] { ofCoach.ClientId, ofLead.ClientId, ofOutsider.ClientId, withoutSession }.Order(),
            (await VisibleIdsAsync(_api.A.AdminEmail, token)).Order());
        Assert.Equal([ofOtherOrg.ClientId], await VisibleIdsAsync(_api.B.AdminEmail, token));

        // The single-client routes follow the same rule: what the list does not show answers 404.
        var coach = await _api.ClientForAsync(_api.A.CoachEmail);
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/api/v1/clients/{ofCoach.ClientId}")).StatusCode);
        foreach (var hidden in new[] { ofLead.ClientId, ofOutsider.ClientId, withoutSession, ofOtherOrg.ClientId })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/api/v1/clients/{hidden}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"/api/v1/clients/{hidden}/timeline")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await coach.PatchAsJsonAsync($"/api/v1/clients/{hidden}", new { name = "Changed" })).StatusCode);
        }

        var lead = await _api.ClientForAsync(_api.A.LeadEmail);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/v1/clients/{ofCoach.ClientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/api/v1/clients/{ofOutsider.ClientId}")).StatusCode);
    }

    [Fact]
    public async Task List_SearchAndPaging_MatchNameOrAliasAndReturnThePageShape()
    {
        var token = ClientSeed.Token();
        var maria = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Maria{token} Gomez", email: "maria@clinic.example");
        var mark = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Mark{token} Gomez");
        var admin = await _api.ClientForAsync(_api.A.AdminEmail);

        var byName = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/clients?search={Uri.EscapeDataString($"MARIA{token}")}");
        var item = Assert.Single(byName.GetProperty("items").EnumerateArray());
        Assert.Equal(maria.ClientId, item.GetProperty("id").GetGuid());
        Assert.Equal(maria.Name, item.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("email").ValueKind); // only the single-client read decrypts it
        Assert.Equal([maria.Alias], item.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ToList());
        Assert.Single(item.GetProperty("tags").EnumerateArray());
        Assert.Equal(0.6, item.GetProperty("engagementScore").GetDouble());

        var byAlias = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/clients?search={Uri.EscapeDataString(mark.Alias)}");
        Assert.Equal(mark.ClientId, Assert.Single(byAlias.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        // LIKE wildcards in the search are literal characters.
        var wildcard = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/clients?search={Uri.EscapeDataString($"%{token}")}");
        Assert.Equal(0, wildcard.GetProperty("total").GetInt32());

        var paged = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/clients?search={token}&page=2&pageSize=1");
        Assert.Equal(2, paged.GetProperty("page").GetInt32());
        Assert.Equal(1, paged.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, paged.GetProperty("total").GetInt32());
        Assert.Equal(mark.ClientId, Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var tooLong = await admin.GetAsync($"/api/v1/clients?search={new string('a', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/clients?pageSize=101")).StatusCode);
    }

    [Fact]
    public async Task Patch_NameEmailAliases_AreStoredEncryptedHashedAndNormalised()
    {
        var seeded = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Hana Ito {ClientSeed.Token()}");
        var coach = await _api.ClientForAsync(_api.A.CoachEmail);

        var response = await coach.PatchAsJsonAsync(
            $"/api/v1/clients/{seeded.ClientId}", new { name = "  Hana   Ito-Berg ", email = " Hana.Ito@Clinic.example ", aliases = new[] { "Hana", " hana ", "H. Ito" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Hana   Ito-Berg", body.GetProperty("name").GetString());
        Assert.Equal("Hana.Ito@Clinic.example", body.GetProperty("email").GetString());
        Assert.Equal(["Hana", "H. Ito"], body.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ToList());
        await using (var db = _api.CreateDbContext())
        {
            var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == seeded.ClientId);
            var protector = _api.Services.GetRequiredService<PersonalDataProtector>();
            Assert.Equal("hana ito-berg", client.NormalizedName);
            Assert.Equal("Hana.Ito@Clinic.example", protector.UnprotectEmail(client.Id, client.EncryptedEmail!));
            Assert.Equal(protector.HashEmail(client.OrganizationId, "hana.ito@clinic.example"), client.EmailHash);
        }

        // Omitted fields stay; an empty email removes the address.
        var cleared = await coach.PatchAsJsonAsync($"/api/v1/clients/{seeded.ClientId}", new { email = "" });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var after = await cleared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, after.GetProperty("email").ValueKind);
        Assert.Equal("Hana   Ito-Berg", after.GetProperty("name").GetString());
        await using var check = _api.CreateDbContext();
        var stored = await check.Clients.AsNoTracking().SingleAsync(c => c.Id == seeded.ClientId);
        Assert.Null(stored.EncryptedEmail);
        Assert.Null(stored.EmailHash);
        Assert.Equal(2, stored.Aliases.Count);
    }

    public static TheoryData<string, object> BadPatches => new()
    {
        { "email", new { email = "not-an-email" } },
        { "email", new { email = "Hana <hana@clinic.example>" } },
        { "email", new { email = "a@b.example, c@d.example" } },
        { "email", new { email = new string('x', 250) + "@clinic.example" } },
        { "name", new { name = new string('N', 10_000) } },
        { "name", new { name = "   " } },
        { "name", new { name = "Line\nBreak" } },
        { "aliases", new { aliases = new[] { "ok", "" } } },
        { "aliases", new { aliases = Enumerable.Range(0, 21).Select(i => $"alias {i}").ToArray() } },
    };

    [Theory]
    [MemberData(nameof(BadPatches))]
    public async Task Patch_InvalidInput_Is400ProblemWithCodeAndChangesNothing(string field, object patch)
    {
        var seeded = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Ivo Kern {ClientSeed.Token()}", email: "ivo@clinic.example");
        var admin = await _api.ClientForAsync(_api.A.AdminEmail);

        var response = await admin.PatchAsJsonAsync($"/api/v1/clients/{seeded.ClientId}", patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("COACH_100", problem.GetProperty("code").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
        await using var db = _api.CreateDbContext();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == seeded.ClientId);
        Assert.Equal(seeded.Name, client.Name);
        Assert.Equal([seeded.Alias], client.Aliases);
        Assert.Equal("ivo@clinic.example", _api.Services.GetRequiredService<PersonalDataProtector>().UnprotectEmail(client.Id, client.EncryptedEmail!));
        Assert.False(await db.AuditEvents.AnyAsync(a => a.EntityId == seeded.ClientId));
    }

    [Fact]
    public async Task Timeline_ListsTheClientsVisibleSessionsNewestFirst()
    {
        var seeded = await ClientSeed.ClientWithSessionAsync(
            _api, _api.A.OrganizationId, _api.A.CoachId, $"Lia Penn {ClientSeed.Token()}", sessionDate: new DateOnly(2026, 9, 1));
        var newer = await ClientSeed.AddSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, seeded.ClientId, new DateOnly(2026, 11, 2), "One-on-one", EngagementLevel.Silent);
        var middle = await ClientSeed.AddSessionAsync(_api, _api.A.OrganizationId, _api.A.LeadId, seeded.ClientId, new DateOnly(2026, 10, 5), "Lead workshop");
        var (outsiderId, _) = await ClientSeed.CoachAsync(_api, _api.A.OrganizationId, CoachRole.Coach, leadId: null);
        var outsiders = await ClientSeed.AddSessionAsync(_api, _api.A.OrganizationId, outsiderId, seeded.ClientId, new DateOnly(2026, 11, 20), "Outsider session");

        var coach = await _api.ClientForAsync(_api.A.CoachEmail);
        var own = await coach.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{seeded.ClientId}/timeline");
        // A coach sees their own sessions only; the lead's and another team's stay hidden.
        Assert.Equal([newer, seeded.SessionId], Ids(own));
        var first = own.GetProperty("items")[0];
        Assert.Equal("2026-11-02", first.GetProperty("sessionDate").GetString());
        Assert.Equal("group", first.GetProperty("sessionType").GetString());
        Assert.Equal("One-on-one", first.GetProperty("title").GetString());
        Assert.Equal("Silent", first.GetProperty("engagementLevel").GetString());
        Assert.Equal(0.7, first.GetProperty("priorityScore").GetDouble());
        Assert.Equal(seeded.SummaryId, own.GetProperty("items")[1].GetProperty("summaryId").GetGuid());

        var lead = await _api.ClientForAsync(_api.A.LeadEmail);
        Assert.Equal([newer, middle, seeded.SessionId], Ids(await lead.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{seeded.ClientId}/timeline")));
        var admin = await _api.ClientForAsync(_api.A.AdminEmail);
        var all = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{seeded.ClientId}/timeline?pageSize=2");
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        Assert.Equal([outsiders, newer], Ids(all));
    }

    private async Task<List<Guid>> VisibleIdsAsync(string email, string token)
    {
        var client = await _api.ClientForAsync(email);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/clients?search={token}&pageSize=100");
        return Ids(page, "id");
    }

    private static List<Guid> Ids(JsonElement page, string property = "sessionId") =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetGuid())];
}
