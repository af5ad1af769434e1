using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachingPlatform.Core.Templates;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Tests.Integration.Templates;

public sealed class TemplatesEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Route = "/api/v1/templates";

    [Fact]
    public async Task List_FiltersByKindAndSessionType_AndIncludesSystemDefaults()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);

        var page = await coach.GetFromJsonAsync<JsonElement>($"{Route}?kind=Email&sessionType=group&pageSize=100");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        var system = items.Where(i => i.GetProperty("source").GetString() == "system").Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(SystemTemplates.Default(TemplateKind.Email, "group").Id, system);
        Assert.Contains(SystemTemplates.Default(TemplateKind.Email, null).Id, system);
        Assert.DoesNotContain(SystemTemplates.Default(TemplateKind.Email, "individual").Id, system);
        Assert.All(items, i => Assert.Equal("Email", i.GetProperty("kind").GetString()));
        Assert.Equal(items.Count, page.GetProperty("total").GetInt32());
        var systemItem = items.First(i => i.GetProperty("source").GetString() == "system");
        Assert.Contains("greeting", systemItem.GetProperty("requiredVariables").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task List_PagesAcrossStoredAndSystemTemplates()
    {
        var coach = await api.ClientForAsync(api.B.CoachEmail);
        await CreateAsync(coach, new { name = "Mine", kind = "Prompt", content = "Coach {{coachName}}" });

        var first = await coach.GetFromJsonAsync<JsonElement>($"{Route}?kind=Prompt&pageSize=2");
        var second = await coach.GetFromJsonAsync<JsonElement>($"{Route}?kind=Prompt&pageSize=2&page=2");

        var total = first.GetProperty("total").GetInt32();
        Assert.Equal(SystemTemplates.All.Count(t => t.Kind == TemplateKind.Prompt) + 1, total);
        Assert.Equal("coach", first.GetProperty("items")[0].GetProperty("source").GetString());
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(4, ids.Distinct().Count());
    }

    [Fact]
    public async Task Coach_CreatesReadsReplacesAndDeletesTheirOwnTemplate()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);

        var created = await CreateAsync(coach, new { name = "My recap", kind = "Email", sessionType = "individual", content = "{{greeting}}\n{{#each wins}}- {{this}}\n{{/each}}{{signOff}}" });
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("coach", created.GetProperty("source").GetString());
        Assert.Equal(api.A.CoachId, created.GetProperty("ownerCoachId").GetGuid());
        Assert.True(created.GetProperty("isDefault").GetBoolean());
        Assert.Equal(["greeting", "wins", "signOff"], created.GetProperty("requiredVariables").EnumerateArray().Select(v => v.GetString()!));

        var read = await coach.GetFromJsonAsync<JsonElement>($"{Route}/{id}");
        Assert.Equal("My recap", read.GetProperty("name").GetString());

        var replaced = await coach.PutAsJsonAsync($"{Route}/{id}", new { name = "Renamed", kind = "Email", sessionType = "individual", content = "{{firstName}}", isDefault = false });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var body = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["firstName"], body.GetProperty("requiredVariables").EnumerateArray().Select(v => v.GetString()!));
        Assert.False(body.GetProperty("isDefault").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await coach.DeleteAsync($"{Route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coach.GetAsync($"{Route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Create_OwnerAndOrganisationInTheBody_AreIgnored()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);

        var created = await CreateAsync(coach, new
        {
            name = "Sneaky", kind = "Summary", content = "{{narrative}}",
            ownerCoachId = api.A.LeadId, organizationId = api.B.OrganizationId, source = "system", id = Guid.NewGuid(),
        });

        await using var db = api.CreateDbContext();
        var stored = await db.Templates.SingleAsync(t => t.Id == created.GetProperty("id").GetGuid());
        Assert.Equal(api.A.CoachId, stored.OwnerCoachId);
        Assert.Equal(api.A.OrganizationId, stored.OrganizationId);
    }

    [Fact]
    public async Task Coach_CreatingAnOrganisationTemplate_Is403AndCreatesNothing()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);
        var name = $"org-{Guid.NewGuid():N}";

        var response = await coach.PostAsJsonAsync(Route, new { name, kind = "Email", content = "{{greeting}}", scope = "organization" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("COACH_403", await CodeAsync(response));
        await using var db = api.CreateDbContext();
        Assert.False(await db.Templates.AnyAsync(t => t.Name == name));
    }

    [Fact]
    public async Task Lead_CreatesAnOrganisationTemplate_CoachesSeeItButCannotChangeIt()
    {
        var lead = await api.ClientForAsync(api.A.LeadEmail);
        var coach = await api.ClientForAsync(api.A.CoachEmail);
        var admin = await api.ClientForAsync(api.A.AdminEmail);

        var created = await CreateAsync(lead, new { name = "Org email", kind = "Email", sessionType = "group", content = "{{greeting}} {{signOff}}", scope = "organization" });
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("organization", created.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("ownerCoachId").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"{Route}/{id}")).StatusCode);
        var put = await coach.PutAsJsonAsync($"{Route}/{id}", new { name = "Mine now", kind = "Email", content = "{{greeting}}" });
        var delete = await coach.DeleteAsync($"{Route}/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        var adminPut = await admin.PutAsJsonAsync($"{Route}/{id}", new { name = "Org email v2", kind = "Email", sessionType = "group", content = "{{greeting}}" });
        Assert.Equal(HttpStatusCode.OK, adminPut.StatusCode);
        await using var db = api.CreateDbContext();
        Assert.Equal("Org email v2", (await db.Templates.SingleAsync(t => t.Id == id)).Name);
    }

    [Fact]
    public async Task AnotherCoachsOrOrganisationsTemplate_Is404()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);
        var lead = await api.ClientForAsync(api.A.LeadEmail);
        var otherOrgAdmin = await api.ClientForAsync(api.B.AdminEmail);
        var id = (await CreateAsync(coach, new { name = "Private", kind = "Email", content = "{{greeting}}" })).GetProperty("id").GetGuid();

        foreach (var other in new[] { lead, otherOrgAdmin })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Route}/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"{Route}/{id}", new { name = "x", kind = "Email", content = "{{greeting}}" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{Route}/{id}")).StatusCode);
            var list = await other.GetFromJsonAsync<JsonElement>($"{Route}?pageSize=100");
            Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        }

        await using var db = api.CreateDbContext();
        var stored = await db.Templates.SingleAsync(t => t.Id == id);
        Assert.Equal("Private", stored.Name);
    }

    [Fact]
    public async Task Create_UnknownVariable_Is400WithCodeAndCreatesNothing()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);
        var name = $"bad-{Guid.NewGuid():N}";

        var response = await coach.PostAsJsonAsync(Route, new { name, kind = "Prompt", content = "Hi {{participantName}}\n{{wins}} {{password}}" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("COACH_511", problem.GetProperty("code").GetString());
        Assert.Equal(["wins", "password"], problem.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        await using var db = api.CreateDbContext();
        Assert.False(await db.Templates.AnyAsync(t => t.Name == name));
    }

    [Fact]
    public async Task Create_SyntaxError_Is400WithLineAndColumn()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);

        var response = await coach.PostAsJsonAsync(Route, new { name = "Broken", kind = "Email", content = "{{greeting}}\n  {{#if wins}}\nno end" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("COACH_513", problem.GetProperty("code").GetString());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Equal(3, problem.GetProperty("column").GetInt32());
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"Email","content":"{{greeting}}","sessionType":"Not A Type!"}""")]
    [InlineData("""{"name":"","kind":"Email","content":"{{greeting}}"}""")]
    [InlineData("""{"name":"x","content":"{{greeting}}"}""")]
    [InlineData("""{"name":"x","kind":"Letter","content":"{{greeting}}"}""")]
    public async Task Create_InvalidFields_Is400(string body)
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);

        var response = await coach.PostAsync(Route, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("COACH_1", await CodeAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_InvalidContent_Is400AndChangesNothing()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);
        var id = (await CreateAsync(coach, new { name = "Stable", kind = "Summary", content = "{{narrative}}" })).GetProperty("id").GetGuid();

        var response = await coach.PutAsJsonAsync($"{Route}/{id}", new { name = "Changed", kind = "Summary", content = "{{greeting}}" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("COACH_511", await CodeAsync(response));
        await using var db = api.CreateDbContext();
        var stored = await db.Templates.SingleAsync(t => t.Id == id);
        Assert.Equal(("Stable", "{{narrative}}"), (stored.Name, stored.Content));
    }

    [Fact]
    public async Task SystemTemplate_IsReadableButReadOnly()
    {
        var lead = await api.ClientForAsync(api.A.LeadEmail);
        var system = SystemTemplates.Default(TemplateKind.Summary, "group");

        var read = await lead.GetFromJsonAsync<JsonElement>($"{Route}/{system.Id}");
        var put = await lead.PutAsJsonAsync($"{Route}/{system.Id}", new { name = "x", kind = "Summary", content = "{{narrative}}" });
        var delete = await lead.DeleteAsync($"{Route}/{system.Id}");

        Assert.Equal("system", read.GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Fact]
    public async Task Create_NewDefault_ReplacesThePreviousDefaultOfTheSameSlot()
    {
        var coach = await api.ClientForAsync(api.B.CoachEmail);
        var first = (await CreateAsync(coach, new { name = "First", kind = "Summary", sessionType = "group", content = "{{narrative}}" })).GetProperty("id").GetGuid();
        var other = (await CreateAsync(coach, new { name = "Other slot", kind = "Summary", sessionType = "individual", content = "{{narrative}}" })).GetProperty("id").GetGuid();

        var second = (await CreateAsync(coach, new { name = "Second", kind = "Summary", sessionType = "group", content = "{{wins}}" })).GetProperty("id").GetGuid();

        await using var db = api.CreateDbContext();
        var defaults = await db.Templates.Where(t => t.Id == first || t.Id == second || t.Id == other).ToDictionaryAsync(t => t.Id, t => t.IsDefault);
        Assert.False(defaults[first]);
        Assert.True(defaults[second]);
        Assert.True(defaults[other]);
        var resolved = await new TemplateResolver(db).ResolveAsync(TemplateKind.Summary, "group", api.B.CoachId, null, CancellationToken.None);
        Assert.Equal(second, resolved.Id);
    }

    [Fact]
    public async Task Preview_RendersWithSamplesOrGivenValues_MissingValueIs400()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);

        var samples = await coach.PostAsJsonAsync($"{Route}/preview", new { kind = "Email", content = "{{greeting}} {{#each wins}}[{{this}}]{{/each}}" });
        var given = await coach.PostAsJsonAsync($"{Route}/preview", new { kind = "Email", content = "{{firstName}}: {{wins}}", values = new Dictionary<string, object> { ["firstName"] = "Kim", ["wins"] = new[] { "a", "b" } } });
        var missing = await coach.PostAsJsonAsync($"{Route}/preview", new { kind = "Email", content = "{{firstName}} {{signOff}}", values = new { firstName = "Kim" } });

        Assert.Equal(HttpStatusCode.OK, samples.StatusCode);
        Assert.Equal("Hi Maria, [Blocked two mornings for deep work]", (await samples.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("output").GetString());
        Assert.Equal("Kim: - a\n- b", (await given.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("output").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("COACH_512", problem.GetProperty("code").GetString());
        Assert.Equal(["signOff"], problem.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
    }

    [Fact]
    public async Task OpenApi_DescribesTheTemplateRoutes()
    {
        var response = await api.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        Assert.True(paths.TryGetProperty(Route, out _) || paths.TryGetProperty(Route + "/", out _));
        Assert.True(paths.TryGetProperty(Route + "/{id}", out _));
        Assert.True(paths.TryGetProperty(Route + "/preview", out _));
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Route, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
