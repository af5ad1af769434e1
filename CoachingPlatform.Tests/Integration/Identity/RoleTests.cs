using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Tests.Integration.Identity;

public sealed class RoleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("GET", "/api/v1/coaches")]
    [InlineData("POST", "/api/v1/coaches")]
    [InlineData("GET", "/api/v1/team/notes")]
    [InlineData("POST", "/api/v1/team/notes")]
    [InlineData("POST", "/api/v1/system/self-test")]
    public async Task Coach_LeadOrAdminRoute_Is403(string method, string path)
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { email = "x@example.test", name = "X", password = "long enough password", coachId = api.A.CoachId, body = "note" });
        }

        var response = await coach.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("COACH_403", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lead_ListsOnlyTheirTeam_AdminListsTheOrganisation()
    {
        var lead = await api.ClientForAsync(api.A.LeadEmail);
        var admin = await api.ClientForAsync(api.A.AdminEmail);

        var team = await IdsAsync(lead);
        var everyone = await IdsAsync(admin);

        Assert.Equal(new[] { api.A.CoachId, api.A.LeadId }.Order(), team.Order());
        Assert.Superset(new HashSet<Guid> { api.A.CoachId, api.A.LeadId, api.A.AdminId }, everyone.ToHashSet());
        Assert.DoesNotContain(api.B.CoachId, everyone);
    }

    [Fact]
    public async Task Lead_CreatingAnAdminOrAnotherTeamsCoach_IsRefusedAndCreatesNothing()
    {
        var lead = await api.ClientForAsync(api.A.LeadEmail);
        var email = $"mass.{Guid.NewGuid():N}@example.test";

        var asAdmin = await lead.PostAsJsonAsync("/api/v1/coaches", new { email, name = "Sneaky", password = "long enough password", role = "Admin" });
        var otherTeam = await lead.PostAsJsonAsync("/api/v1/coaches", new { email, name = "Sneaky", password = "long enough password", leadId = api.A.AdminId });

        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherTeam.StatusCode);
        await using var db = api.CreateDbContext();
        Assert.False(await db.Coaches.AnyAsync(c => c.Email == email));
    }

    [Fact]
    public async Task Lead_CreatingACoach_PutsThemInTheLeadsTeamAsCoach()
    {
        var lead = await api.ClientForAsync(api.B.LeadEmail);
        var email = $"new.{Guid.NewGuid():N}@example.test";

        var response = await lead.PostAsJsonAsync("/api/v1/coaches", new { email, name = "New Coach", password = "long enough password" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Coach", created.GetProperty("role").GetString());
        Assert.Equal(api.B.LeadId, created.GetProperty("leadId").GetGuid());
        await using var db = api.CreateDbContext();
        Assert.Equal(api.B.OrganizationId, (await db.Coaches.SingleAsync(c => c.Email == email)).OrganizationId);
        // The new coach can sign in with the password they were given.
        Assert.NotNull(await api.ClientForAsync(email, "long enough password"));
    }

    [Fact]
    public async Task Admin_CreateCoach_ValidatesEmailUniquenessLeadAndPassword()
    {
        var admin = await api.ClientForAsync(api.B.AdminEmail);

        var duplicate = await admin.PostAsJsonAsync("/api/v1/coaches", new { email = api.A.CoachEmail, name = "Dup", password = "long enough password" });
        var badLead = await admin.PostAsJsonAsync("/api/v1/coaches", new { email = $"x.{Guid.NewGuid():N}@example.test", name = "X", password = "long enough password", leadId = api.A.LeadId });
        var shortPassword = await admin.PostAsJsonAsync("/api/v1/coaches", new { email = $"y.{Guid.NewGuid():N}@example.test", name = "Y", password = "short" });
        var lead = await admin.PostAsJsonAsync("/api/v1/coaches", new { email = $"z.{Guid.NewGuid():N}@example.test", name = "Z", password = "long enough password", role = "CoachLead" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("COACH_203", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badLead.StatusCode); // a lead of another organisation is not a lead here
        Assert.Equal("COACH_204", (await badLead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        Assert.Equal("CoachLead", (await lead.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Me_BodyTryingToSetRoleOrOrganisation_OnlyChangesTheVoiceProfile()
    {
        var coach = await api.ClientForAsync(api.B.CoachEmail);

        var response = await coach.PutAsJsonAsync("/api/v1/me/voice-profile", new
        {
            tone = "warm and direct",
            phrases = new[] { "Great progress" },
            signOff = "Best, B",
            role = "Admin",
            organizationId = api.A.OrganizationId,
            id = api.A.AdminId,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await coach.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Coach", me.GetProperty("role").GetString());
        Assert.Equal(api.B.CoachId, me.GetProperty("id").GetGuid());
        Assert.Equal(api.B.OrganizationId, me.GetProperty("organization").GetProperty("id").GetGuid());
        Assert.Equal("warm and direct", me.GetProperty("voiceProfile").GetProperty("tone").GetString());
    }

    [Theory]
    [InlineData("""{"mode":"DailyDigest","timeZone":"Mars/Olympus"}""")]
    [InlineData("""{"mode":"DailyDigest","quietHoursStart":"22:00:00","timeZone":"UTC"}""")]
    [InlineData("""{"mode":"Sometimes","timeZone":"UTC"}""")]
    public async Task Me_InvalidNotificationPreferences_Is400AndChangesNothing(string body)
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);

        var response = await coach.PutAsync("/api/v1/me/notification-preferences", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("COACH_1", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(), StringComparison.Ordinal);
        var me = await coach.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("UTC", me.GetProperty("notificationPreferences").GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Me_ValidNotificationPreferences_AreStored()
    {
        var lead = await api.ClientForAsync(api.A.LeadEmail);

        var response = await lead.PutAsJsonAsync("/api/v1/me/notification-preferences",
            new { mode = "DailyDigest", quietHoursStart = "21:00:00", quietHoursEnd = "07:30:00", timeZone = "Europe/London" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prefs = (await lead.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("notificationPreferences");
        Assert.Equal("DailyDigest", prefs.GetProperty("mode").GetString());
        Assert.Equal("07:30:00", prefs.GetProperty("quietHoursEnd").GetString());
        Assert.Equal("Europe/London", prefs.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task TeamNotes_LeadNotesOwnTeamOnly_AndOtherLeadsNeverSeeThem()
    {
        var leadA = await api.ClientForAsync(api.A.LeadEmail);
        var leadB = await api.ClientForAsync(api.B.LeadEmail);

        var created = await leadA.PostAsJsonAsync("/api/v1/team/notes", new { coachId = api.A.CoachId, body = "Strong facilitation.", qualityRating = 4 });
        var foreign = await leadA.PostAsJsonAsync("/api/v1/team/notes", new { coachId = api.B.CoachId, body = "Not mine." });
        var badRating = await leadA.PostAsJsonAsync("/api/v1/team/notes", new { coachId = api.A.CoachId, body = "x", qualityRating = 9 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRating.StatusCode);
        var mine = await leadA.GetFromJsonAsync<JsonElement>($"/api/v1/team/notes?coachId={api.A.CoachId}");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), n => n.GetProperty("body").GetString() == "Strong facilitation.");
        var theirs = await leadB.GetFromJsonAsync<JsonElement>("/api/v1/team/notes");
        Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), n => n.GetProperty("body").GetString() == "Strong facilitation.");
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client)
    {
        var raw = await client.GetAsync("/api/v1/coaches?pageSize=100");
        Assert.True(raw.IsSuccessStatusCode, await raw.Content.ReadAsStringAsync());
        var page = await raw.Content.ReadFromJsonAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
    }
}
