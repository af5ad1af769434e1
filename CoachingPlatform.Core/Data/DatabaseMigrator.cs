using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CoachingPlatform.Core.Data;

/// <summary>Data a host writes after migrations, under the same lock (e.g. the Development seed). Must be idempotent.</summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(CoachingDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Applies pending migrations (then seeders) at startup. Replicas that start together serialise on a
/// PostgreSQL advisory lock, so exactly one migrates and the others find nothing left to do. The host does
/// not start serving or claiming jobs until this has finished.
/// </summary>
public sealed partial class DatabaseMigrator(
    IServiceProvider services, IEnumerable<IDatabaseSeeder> seeders, ILogger<DatabaseMigrator> logger) : IHostedService
{
    /// <summary>Advisory lock key: "coaching" in ASCII, arbitrary but fixed.</summary>
    public const long AdvisoryLockKey = 0x636F616368696E67;

    private static readonly ActivitySource Source = new("CoachingPlatform.Data");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("migrate database");
        await using var scope = services.CreateAsyncScope();
        // Migrations and seeds act for no tenant: an explicitly unrestricted context, so hosts can make every other
        // context fail closed.
        await using var db = new CoachingDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<CoachingDbContext>>(), tenant: null);
        var applied = await MigrateAsync(db, seeders, cancellationToken);
        LogMigrated(logger, applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the database if needed, then migrates and seeds while holding the advisory lock.</summary>
    /// <returns>The number of migrations this call applied.</returns>
    public static async Task<int> MigrateAsync(
        CoachingDbContext db, IEnumerable<IDatabaseSeeder> seeders, CancellationToken cancellationToken)
    {
        await EnsureDatabaseExistsAsync(db, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
                if (pending > 0)
                {
                    await db.Database.MigrateAsync(cancellationToken);
                }

                // Npgsql loaded the database's types on our first connection, which may predate the migration another
                // replica ran while we waited for the lock; without a reload, types it created (citext) stay unknown.
                if (db.Database.GetDbConnection() is NpgsqlConnection connection)
                {
                    await connection.ReloadTypesAsync(cancellationToken);
                }

                foreach (var seeder in seeders)
                {
                    await seeder.SeedAsync(db, cancellationToken);
                }

                return pending;
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task EnsureDatabaseExistsAsync(CoachingDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created it between our check and our CREATE DATABASE: that is the outcome we wanted.
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Database ready; {Applied} migration(s) applied by this instance")]
    private static partial void LogMigrated(ILogger logger, int applied);
}
