using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CoachingPlatform.Tests.Integration.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesItAndAppliesEveryMigration()
    {
        await using var database = await LocalPostgresServer.ReserveEmptyDatabaseAsync();
        await using var db = database.CreateContext();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        Assert.False(await creator.ExistsAsync());

        var applied = await DatabaseMigrator.MigrateAsync(db, [], CancellationToken.None);

        Assert.True(await creator.ExistsAsync());
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.Equal(migrations.Count, applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Organizations.CountAsync()); // the schema is there and usable

        await using var restarted = database.CreateContext();
        Assert.Equal(0, await DatabaseMigrator.MigrateAsync(restarted, [], CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_ThreeReplicasAtOnce_ExactlyOneApplies()
    {
        await using var database = await LocalPostgresServer.ReserveEmptyDatabaseAsync();
        var replicas = Enumerable.Range(0, 3).Select(_ => database.CreateContext()).ToArray();
        var seeder = new OverlapRecordingSeeder();
        int[] applied;
        try
        {
            using var go = new ManualResetEventSlim();
            var starts = replicas
                .Select(db => Task.Run(() =>
                {
                    go.Wait();
                    return DatabaseMigrator.MigrateAsync(db, [seeder], CancellationToken.None);
                }))
                .ToArray();
            go.Set();
            applied = await Task.WhenAll(starts);
        }
        finally
        {
            foreach (var db in replicas)
            {
                await db.DisposeAsync();
            }
        }

        await using var check = database.CreateContext();
        var migrations = check.Database.GetMigrations().ToList();
        Assert.Equal(migrations.Count, applied.Sum());
        Assert.Single(applied, count => count != 0);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(migrations, await check.Database.GetAppliedMigrationsAsync());

        // Seeders run under the same lock: once per replica, never two at a time.
        Assert.Equal(3, seeder.Runs);
        Assert.Equal(1, seeder.MaxConcurrent);
    }

    [Fact]
    public async Task Migrate_ThreeReplicaProcessesAtOnce_EveryReplicaCanUseTheCitextType()
    {
        // A distinct Application Name gives each replica its own Npgsql data source (and type cache), as separate
        // processes would have. The replicas that wait on the lock open their connection before citext exists.
        await using var database = await LocalPostgresServer.ReserveEmptyDatabaseAsync();
        var connectionStrings = Enumerable.Range(0, 3).Select(i => $"{database.ConnectionString};Application Name=replica-{i}").ToArray();
        var replicas = connectionStrings.Select(c => TestDatabase.CreateContext(c, TimeProvider.System)).ToArray();
        try
        {
            await Task.WhenAll(replicas.Select(db => Task.Run(() => DatabaseMigrator.MigrateAsync(db, [], CancellationToken.None))));
        }
        finally
        {
            foreach (var db in replicas)
            {
                await db.DisposeAsync();
            }
        }

        var organization = new Organization { Id = Guid.CreateVersion7(), Name = "Replica Org", Slug = "replica" };
        await using (var setup = database.CreateContext())
        {
            setup.Organizations.Add(organization);
            setup.Coaches.Add(new Coach { Id = Guid.CreateVersion7(), OrganizationId = organization.Id, Email = "pat@replica.test", Name = "Pat", Role = CoachRole.Coach });
            await setup.SaveChangesAsync();
        }

        string[] emails = ["PAT@replica.test"];
        var found = new List<int>();
        foreach (var connectionString in connectionStrings)
        {
            // A citext[] parameter: it needs the type that the migration created after this replica connected.
            await using var db = TestDatabase.CreateContext(connectionString, TimeProvider.System);
            found.Add(await db.Coaches.CountAsync(c => emails.Contains(c.Email)));
        }

        Assert.Equal([1, 1, 1], found);
    }

    [Fact]
    public void Migrate_ModelMatchesMigrations_NoPendingModelChanges()
    {
        // No server needed: this compares the model with the migrations' snapshot.
        var options = new DbContextOptionsBuilder<CoachingDbContext>();
        DataServiceCollectionExtensions.ConfigureDbContext(options, "Host=localhost;Database=model_check");
        using var db = new CoachingDbContext(options.Options);

        // Fails when an entity or configuration changed without `dotnet ef migrations add`.
        Assert.False(db.Database.HasPendingModelChanges());
    }

    private sealed class OverlapRecordingSeeder : IDatabaseSeeder
    {
        private int _running;
        private int _runs;
        private int _maxConcurrent;

        public int Runs => _runs;

        public int MaxConcurrent => _maxConcurrent;

        public async Task SeedAsync(CoachingDbContext db, CancellationToken cancellationToken)
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxConcurrent, running);
            // Long enough that unserialised replicas would overlap here.
            await Task.Delay(50, cancellationToken);
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _runs);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value
                && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
