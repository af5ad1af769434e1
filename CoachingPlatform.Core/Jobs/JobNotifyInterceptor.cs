using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CoachingPlatform.Core.Jobs;

/// <summary>
/// After a save that added jobs, sends <c>NOTIFY coaching_jobs</c> on the same connection so idle workers
/// wake at once instead of on their next poll. Inside an explicit transaction PostgreSQL delivers the
/// notification only on commit, so a rolled-back job never wakes anyone.
/// </summary>
/// <remarks>One instance serves every pooled context, so per-save state is keyed by context.</remarks>
public sealed class JobNotifyInterceptor : SaveChangesInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _savesWithJobs = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context
            && context.ChangeTracker.Entries<JobRecord>().Any(e => e.State == EntityState.Added))
        {
            _savesWithJobs.AddOrUpdate(context, Marker);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _savesWithJobs.Remove(context))
        {
            try
            {
                await context.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{JobQueue.NotifyChannel}', '')", cancellationToken);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
            {
                // The jobs are committed; a lost wake-up only means workers find them on their next poll.
                System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent("job notify failed"));
            }
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            _savesWithJobs.Remove(context);
        }

        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }
}
