using System.Diagnostics;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CoachingPlatform.Worker;

/// <summary>
/// Claims jobs from PostgreSQL and runs each in its own DI scope, up to <see cref="JobOptions.Concurrency"/> at once.
/// Wakes on <c>NOTIFY coaching_jobs</c> or every <see cref="JobOptions.PollInterval"/>; renews leases of long jobs;
/// on shutdown gives unfinished jobs back so another worker picks them up at once.
/// </summary>
internal sealed partial class JobDispatcher(
    IServiceScopeFactory scopes,
    JobTypeRegistry registry,
    IOptions<JobOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<JobDispatcher> logger) : BackgroundService
{
    internal static readonly ActivitySource Source = new("CoachingPlatform.Jobs");

    private readonly JobOptions _options = options.Value;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var types = registry.Types;
        LogStarted(logger, _owner, string.Join(", ", types), _options.Concurrency);
        var listener = ListenAsync(stoppingToken);
        using var slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        var running = new HashSet<Task>();
        var lastSweep = DateTimeOffset.MinValue;

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                slots.Release();
                var claimed = Array.Empty<ClaimedJob>() as IReadOnlyList<ClaimedJob>;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
                    if (time.GetUtcNow() - lastSweep > _options.LeaseDuration / 2)
                    {
                        lastSweep = time.GetUtcNow();
                        var dead = await queue.DeadLetterExpiredAsync(stoppingToken);
                        if (dead > 0)
                        {
                            LogDeadLetteredExpired(logger, dead);
                        }
                    }

                    claimed = await queue.ClaimAsync(_owner, slots.CurrentCount, types, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogClaimFailed(logger, ex);
                    await Task.Delay(_options.PollInterval, time, stoppingToken);
                    continue;
                }

                foreach (var job in claimed)
                {
                    await slots.WaitAsync(stoppingToken);
                    var task = RunAsync(job, stoppingToken);
                    lock (running)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            slots.Release();
                            lock (running)
                            {
                                running.Remove(t);
                            }
                        },
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                if (claimed.Count == 0)
                {
                    await _wake.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        Task[] inFlight;
        lock (running)
        {
            inFlight = [.. running];
        }

        await Task.WhenAll(inFlight);
        await listener;
    }

    private async Task RunAsync(ClaimedJob job, CancellationToken stoppingToken)
    {
        await Task.Yield();
        ActivityContext.TryParse(job.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"job {job.Type}", ActivityKind.Consumer, parent);
        activity?.SetTag("job.id", job.Id);
        activity?.SetTag("job.type", job.Type);
        activity?.SetTag("job.attempt", job.Attempt);

        await using var scope = scopes.CreateAsyncScope();
        // The job's organisation confines every query its handler makes (system jobs have none: unrestricted).
        scope.ServiceProvider.GetRequiredService<ScopedTenantContext>().OrganizationId = job.OrganizationId;
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        using var renewal = new CancellationTokenSource();
        var renewTask = RenewLeaseAsync(job, renewal.Token);
        try
        {
            var executor = scope.ServiceProvider.GetKeyedService<IJobExecutor>(job.Type)
                ?? throw new PermanentJobFailureException($"No handler is registered for job type '{job.Type}'.");
            await executor.ExecuteAsync(job.Payload, new JobContext(job.Id, job.Attempt, job.MaxAttempts, job.OrganizationId), stoppingToken);
            await renewal.CancelAsync();
            await renewTask;
            if (await queue.CompleteAsync(job, _owner, CancellationToken.None))
            {
                LogCompleted(logger, job.Id, job.Type, job.Attempt);
            }
            else
            {
                LogLeaseLost(logger, job.Id, job.Type);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await renewal.CancelAsync();
            await renewTask;
            await queue.ReleaseAsync(job, _owner, CancellationToken.None);
            LogReleased(logger, job.Id, job.Type);
        }
        catch (Exception ex)
        {
            await renewal.CancelAsync();
            await renewTask;
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            var status = await queue.FailAsync(job, _owner, $"{ex.GetType().Name}: {ex.Message}", ex is PermanentJobFailureException, CancellationToken.None);
            if (status == JobStatus.DeadLettered)
            {
                LogDeadLettered(logger, ex, job.Id, job.Type, job.Attempt);
            }
            else
            {
                LogFailed(logger, ex, job.Id, job.Type, job.Attempt, job.MaxAttempts);
            }
        }
    }

    private async Task RenewLeaseAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.LeaseDuration / 3, time, cancellationToken);
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<JobQueue>().RenewLeaseAsync(job, _owner, cancellationToken))
                {
                    LogLeaseLost(logger, job.Id, job.Type);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished.
        }
        catch (Exception ex)
        {
            LogRenewFailed(logger, ex, job.Id);
        }
    }

    /// <summary>LISTENs for enqueue notifications on a dedicated connection; reconnects after failures.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {JobQueue.NotifyChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Wake(); // anything enqueued while we were not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(logger, ex);
                try
                {
                    await Task.Delay(_options.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up is enough.
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Job dispatcher {Owner} started for types [{Types}] with concurrency {Concurrency}")]
    private static partial void LogStarted(ILogger logger, string owner, string types, int concurrency);

    [LoggerMessage(2, LogLevel.Debug, "Job {JobId} ({JobType}) completed on attempt {Attempt}")]
    private static partial void LogCompleted(ILogger logger, Guid jobId, string jobType, int attempt);

    [LoggerMessage(3, LogLevel.Warning, "Job {JobId} ({JobType}) failed on attempt {Attempt} of {MaxAttempts}; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid jobId, string jobType, int attempt, int maxAttempts);

    [LoggerMessage(4, LogLevel.Error, "Job {JobId} ({JobType}) dead-lettered after attempt {Attempt}")]
    private static partial void LogDeadLettered(ILogger logger, Exception exception, Guid jobId, string jobType, int attempt);

    [LoggerMessage(5, LogLevel.Warning, "Lost the lease of job {JobId} ({JobType}); another worker owns it now")]
    private static partial void LogLeaseLost(ILogger logger, Guid jobId, string jobType);

    [LoggerMessage(6, LogLevel.Information, "Released job {JobId} ({JobType}) on shutdown")]
    private static partial void LogReleased(ILogger logger, Guid jobId, string jobType);

    [LoggerMessage(7, LogLevel.Error, "Claiming jobs failed; retrying after the poll interval")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "Listening for job notifications failed; polling until reconnected")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Renewing the lease of job {JobId} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid jobId);

    [LoggerMessage(10, LogLevel.Warning, "Dead-lettered {Count} job(s) whose lease expired on their final attempt")]
    private static partial void LogDeadLetteredExpired(ILogger logger, int count);
}

/// <summary>A type of the worker assembly for <c>WebApplicationFactory</c>-based tests.</summary>
public sealed class WorkerAssemblyMarker;
