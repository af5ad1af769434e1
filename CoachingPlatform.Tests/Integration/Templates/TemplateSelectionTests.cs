using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.FollowUps;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Templates;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.Integration.Templates;

public sealed class TemplateSelectionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ResolveAsync_WalksCoachTypeCoachOrgTypeOrgThenSystem()
    {
        await using var db = api.CreateDbContext();
        // A fresh organisation and coach per test: nothing another test stores can change the outcome.
        var (org, coach, colleague) = await NewOrganisationAsync(db);
        var resolver = new TemplateResolver(db);

        Assert.Equal(SystemTemplates.Default(TemplateKind.Email, "group").Id, (await ResolveAsync()).Id);

        // Templates that must never be picked: not default, another coach's, another organisation's, another type or kind.
        await AddAsync(db, org, null, "group", isDefault: false);
        await AddAsync(db, org, colleague, "group");
        await AddAsync(db, api.B.OrganizationId, null, "group");
        await AddAsync(db, org, coach, "individual");
        await AddAsync(db, org, coach, "group", kind: TemplateKind.Summary);
        Assert.Equal(TemplateSource.System, (await ResolveAsync()).Source);

        var orgDefault = await AddAsync(db, org, null, null);
        Assert.Equal(orgDefault, (await ResolveAsync()).Id);

        var orgGroup = await AddAsync(db, org, null, "group");
        Assert.Equal(orgGroup, (await ResolveAsync()).Id);

        var coachDefault = await AddAsync(db, org, coach, null);
        Assert.Equal(coachDefault, (await ResolveAsync()).Id);

        var coachGroup = await AddAsync(db, org, coach, "group");
        var resolved = await ResolveAsync();
        Assert.Equal(coachGroup, resolved.Id);
        Assert.Equal(TemplateSource.Coach, resolved.Source);

        Task<TemplateView> ResolveAsync() => resolver.ResolveAsync(TemplateKind.Email, "group", coach, null, CancellationToken.None);
    }

    [Fact]
    public async Task ResolveAsync_PreferredTemplate_WinsOnlyWhenTheCoachMayUseIt()
    {
        await using var db = api.CreateDbContext();
        var (org, coach, colleague) = await NewOrganisationAsync(db);
        var resolver = new TemplateResolver(db);
        var orgTemplate = await AddAsync(db, org, null, "individual", isDefault: false);
        var colleagues = await AddAsync(db, org, colleague, null);
        var foreign = await AddAsync(db, api.B.OrganizationId, null, null);
        var summary = await AddAsync(db, org, coach, null, kind: TemplateKind.Summary);

        Assert.Equal(orgTemplate, (await resolver.ResolveAsync(TemplateKind.Email, "group", coach, orgTemplate, CancellationToken.None)).Id);
        foreach (var refused in new[] { colleagues, foreign, summary, Guid.NewGuid() })
        {
            Assert.Equal(TemplateSource.System, (await resolver.ResolveAsync(TemplateKind.Email, "group", coach, refused, CancellationToken.None)).Source);
        }
    }

    [Fact]
    public async Task ResolveAsync_UnknownCoach_GetsTheSystemDefault()
    {
        await using var db = api.CreateDbContext();

        var resolved = await new TemplateResolver(db).ResolveAsync(TemplateKind.Prompt, "individual", Guid.NewGuid(), null, CancellationToken.None);

        Assert.Equal(SystemTemplates.Default(TemplateKind.Prompt, "individual"), resolved);
    }

    [Fact]
    public async Task DraftAsync_UsesTheCoachsOverride_AndRecordsItsId()
    {
        await using var db = api.CreateDbContext();
        var (org, coach, _) = await NewOrganisationAsync(db);
        var mine = await AddAsync(db, org, coach, "group", content: "{{greeting}} {{firstName}}: {{#each actionItems}}[{{this}}]{{/each}} {{signOff}}");

        var draft = await new FollowUpDrafter(new TemplateResolver(db)).DraftAsync(new FollowUpDraftRequest(
            coach, "Sam Lee", "Avery Stone", new VoiceProfile { SignOff = "A." }, new DateOnly(2026, 12, 3), null, "group",
            new SummaryContent { ActionItems = [new ActionItem { Text = "Call the mentor" }] }, FollowUpPriority.Standard), CancellationToken.None);

        Assert.Equal(mine, draft.TemplateId);
        Assert.Equal("Hi Sam, Sam: [Call the mentor] A.", draft.Body);
    }

    private static async Task<(Guid Org, Guid Coach, Guid Colleague)> NewOrganisationAsync(CoachingDbContext db)
    {
        var seeded = SeededOrg.Add(db, "t");
        await db.SaveChangesAsync();
        return (seeded.OrganizationId, seeded.CoachId, seeded.LeadId);
    }

    private static async Task<Guid> AddAsync(
        CoachingDbContext db, Guid org, Guid? owner, string? sessionType, bool isDefault = true, TemplateKind kind = TemplateKind.Email, string content = "{{greeting}}")
    {
        var template = new Template
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org,
            OwnerCoachId = owner,
            Name = $"{owner}/{sessionType}",
            Kind = kind,
            SessionType = sessionType,
            Content = content,
            RequiredVariables = [.. TemplateRenderer.Parse(content).Variables],
            IsDefault = isDefault,
        };
        db.Templates.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    }
}
