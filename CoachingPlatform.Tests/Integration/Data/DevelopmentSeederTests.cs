using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Tests.Integration.Data;

public sealed class DevelopmentSeederTests : IAsyncLifetime
{
    private const string DefaultPassword = "Coach123!";
    private static readonly PasswordHasher<Coach> Hasher = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await LocalPostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Seed_RunTwice_LeavesExactlyTheSpecOrganisationsAndCoaches()
    {
        for (var run = 0; run < 2; run++)
        {
            // A new context per run, as a restarted host would have.
            await using var db = _database.CreateContext();
            Assert.Equal(0, await DatabaseMigrator.MigrateAsync(db, [CreateSeeder()], CancellationToken.None));
        }

        await using var check = _database.CreateContext();
        var orgs = await check.Organizations.AsNoTracking().OrderBy(o => o.Slug).Select(o => new { o.Slug, o.Name }).ToListAsync();
        Assert.Equal([new { Slug = "demo", Name = "Demo Coaching Co" }, new { Slug = "northwind", Name = "Northwind Coaching" }], orgs);

        var orgNames = await check.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        var coaches = await check.Coaches.AsNoTracking().ToListAsync();
        var rows = coaches
            .OrderBy(c => c.Email, StringComparer.Ordinal)
            .Select(c => (c.Email, c.Name, c.Role, Org: orgNames[c.OrganizationId]))
            .ToList();
        Assert.Equal(
            [
                ("admin@coaching.local", "Morgan Admin", CoachRole.Admin, "Demo Coaching Co"),
                ("demo@coaching.local", "Avery Stone", CoachRole.Coach, "Demo Coaching Co"),
                ("lead@coaching.local", "Jordan Hale", CoachRole.CoachLead, "Demo Coaching Co"),
                ("other@coaching.local", "Riley Park", CoachRole.Coach, "Northwind Coaching"),
            ],
            rows);

        var byName = coaches.ToDictionary(c => c.Name);
        Assert.Equal(byName["Jordan Hale"].Id, byName["Avery Stone"].LeadId);
        Assert.Equal(["Avery Stone"], coaches.Where(c => c.LeadId is not null).Select(c => c.Name));
    }

    [Fact]
    public async Task Seed_DefaultOptions_EveryHashVerifiesAgainstCoach123()
    {
        Assert.Equal(DefaultPassword, new SeedOptions().Password);
        await using (var db = _database.CreateContext())
        {
            await CreateSeeder().SeedAsync(db, CancellationToken.None);
        }

        await using var check = _database.CreateContext();
        var coaches = await check.Coaches.AsNoTracking().ToListAsync();

        Assert.Equal(4, coaches.Count);
        Assert.All(coaches, coach =>
        {
            Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(coach, coach.PasswordHash!, DefaultPassword));
            Assert.Equal(PasswordVerificationResult.Failed, Hasher.VerifyHashedPassword(coach, coach.PasswordHash!, "wrong-password"));
        });
        Assert.Equal(4, coaches.Select(c => c.PasswordHash).Distinct().Count()); // salted per coach
    }

    [Fact]
    public async Task Seed_CustomPassword_IsHonoured()
    {
        const string custom = "Another-Pass-42";
        await using (var db = _database.CreateContext())
        {
            await CreateSeeder(custom).SeedAsync(db, CancellationToken.None);
        }

        await using var check = _database.CreateContext();
        var coaches = await check.Coaches.AsNoTracking().ToListAsync();

        Assert.Equal(4, coaches.Count);
        Assert.All(coaches, coach =>
        {
            Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(coach, coach.PasswordHash!, custom));
            Assert.Equal(PasswordVerificationResult.Failed, Hasher.VerifyHashedPassword(coach, coach.PasswordHash!, DefaultPassword));
        });
    }

    [Fact]
    public async Task Seed_SecondRunWithAnotherPassword_KeepsExistingRowsUntouched()
    {
        await using (var db = _database.CreateContext())
        {
            await CreateSeeder().SeedAsync(db, CancellationToken.None);
        }

        Dictionary<string, (Guid Id, string? Hash)> before;
        await using (var db = _database.CreateContext())
        {
            before = await db.Coaches.AsNoTracking().ToDictionaryAsync(c => c.Email, c => (c.Id, c.PasswordHash));
        }

        await using (var db = _database.CreateContext())
        {
            await CreateSeeder("Changed-Password-1").SeedAsync(db, CancellationToken.None);
        }

        await using var check = _database.CreateContext();
        var after = await check.Coaches.AsNoTracking().ToDictionaryAsync(c => c.Email, c => (c.Id, c.PasswordHash));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Seed_CoachMissing_AddsOnlyThatCoachUnderTheExistingLead()
    {
        await using (var db = _database.CreateContext())
        {
            await CreateSeeder().SeedAsync(db, CancellationToken.None);
            await db.Coaches.Where(c => c.Email == "demo@coaching.local").ExecuteDeleteAsync();
        }

        Guid leadId;
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(3, await db.Coaches.CountAsync());
            leadId = await db.Coaches.Where(c => c.Email == "lead@coaching.local").Select(c => c.Id).SingleAsync();
            await CreateSeeder().SeedAsync(db, CancellationToken.None);
        }

        await using var check = _database.CreateContext();
        Assert.Equal(4, await check.Coaches.CountAsync());
        Assert.Equal(2, await check.Organizations.CountAsync());
        var avery = await check.Coaches.AsNoTracking().SingleAsync(c => c.Email == "demo@coaching.local");
        Assert.Equal(leadId, avery.LeadId);
    }

    [Fact]
    public async Task Migrate_EmptyDatabaseWithSeeder_MigratesThenSeedsInOneCall()
    {
        // The seed runs on the connection that just created the citext type, so this covers the type reload.
        await using var empty = await LocalPostgresServer.ReserveEmptyDatabaseAsync();
        await using (var db = empty.CreateContext())
        {
            Assert.NotEqual(0, await DatabaseMigrator.MigrateAsync(db, [CreateSeeder()], CancellationToken.None));
        }

        await using var check = empty.CreateContext();
        Assert.Equal(2, await check.Organizations.CountAsync());
        Assert.Equal(4, await check.Coaches.CountAsync());
    }

    [Fact]
    public async Task Migrate_ThreeReplicasWithSeederOnEmptyDatabase_SeedOnceAndAllSucceed()
    {
        await using var empty = await LocalPostgresServer.ReserveEmptyDatabaseAsync();
        var replicas = Enumerable.Range(0, 3).Select(_ => empty.CreateContext()).ToArray();
        int[] applied;
        try
        {
            applied = await Task.WhenAll(replicas.Select(db =>
                Task.Run(() => DatabaseMigrator.MigrateAsync(db, [CreateSeeder()], CancellationToken.None))));
        }
        finally
        {
            foreach (var db in replicas)
            {
                await db.DisposeAsync();
            }
        }

        Assert.Single(applied, count => count != 0);
        await using var check = empty.CreateContext();
        Assert.Equal(2, await check.Organizations.CountAsync());
        Assert.Equal(4, await check.Coaches.CountAsync());
    }

    private static DevelopmentSeeder CreateSeeder(string? password = null) =>
        new(Options.Create(password is null ? new SeedOptions() : new SeedOptions { Password = password }), Hasher);
}
