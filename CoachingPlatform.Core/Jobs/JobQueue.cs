using System.Diagnostics;
using System.Text.Json;
using CoachingPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Core.Jobs;

/// <summary>
/// A job handed to a worker by <see cref="JobQueue.ClaimAsync"/>. <see cref="Attempt"/> identifies the claim.
/// Read by raw SQL, so its columns follow the snake_case naming convention (attempt, max_attempts, ...).
/// </summary>
public sealed class ClaimedJob
{
    public Guid Id { get; set; }
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public Guid? OrganizationId { get; set; }
    public int Attempt { get; set; }
    public int MaxAttempts { get; set; }
    public string? TraceParent { get; set; }
}

/// <summary>
/// The durable job queue over the <c>jobs</c> table. Enqueueing only adds a row to the caller's
/// <see cref="CoachingDbContext"/>, so the job commits (or rolls back) with the data that needs it.
/// Claims use <c>FOR UPDATE SKIP LOCKED</c>, so any number of workers can claim concurrently without
/// ever getting the same job; every later state change is guarded by (lease owner, attempt), so a
/// worker whose lease expired cannot overwrite the outcome of the worker that re-claimed the job.
/// </summary>
public sealed class JobQueue(CoachingDbContext db, TimeProvider time, IOptions<JobOptions> options)
{
    /// <summary>The PostgreSQL NOTIFY channel that tells idle workers a job was enqueued.</summary>
    public const string NotifyChannel = "coaching_jobs";

    private readonly JobOptions _options = options.Value;

    /// <summary>Adds a job to the context; it is written by the caller's next <c>SaveChangesAsync</c>.</summary>
    public JobRecord Enqueue<TPayload>(TPayload payload, Guid? organizationId = null, DateTimeOffset? runAfter = null)
        where TPayload : IJobPayload
    {
        var job = new JobRecord
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Type = TPayload.JobType,
            Payload = JsonSerializer.Serialize(payload, JobSerialization.Options),
            OrganizationId = organizationId,
            Status = JobStatus.Pending,
            MaxAttempts = _options.MaxAttempts,
            RunAfter = runAfter ?? time.GetUtcNow(),
            TraceParent = Activity.Current?.Id,
        };
        db.Add(job);
        return job;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due jobs of the given types for <paramref name="owner"/>:
    /// pending jobs whose backoff has passed, and running jobs whose lease expired (their worker is gone).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(
        string owner, int limit, IReadOnlyCollection<string> types, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var now = time.GetUtcNow();
        var leaseUntil = now + _options.LeaseDuration;
        var typeArray = types.ToArray();
        // Two SKIP LOCKED scans, each served by its partial index in due order (an OR across both would sort
        // every pending row on each claim); jobs whose worker died come first.
        return await db.Database.SqlQuery<ClaimedJob>($"""
            WITH expired AS (
                SELECT id FROM jobs
                WHERE status = 'Running' AND lease_expires_at <= {now} AND attempts < max_attempts AND type = ANY({typeArray})
                ORDER BY lease_expires_at
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED),
            pending AS (
                SELECT id FROM jobs
                WHERE status = 'Pending' AND run_after <= {now} AND type = ANY({typeArray})
                ORDER BY run_after
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED),
            next AS (
                SELECT id FROM (SELECT id, 0 AS o FROM expired UNION ALL SELECT id, 1 FROM pending) candidates
                ORDER BY o
                LIMIT {limit})
            UPDATE jobs AS j
            SET status = 'Running', lease_owner = {owner}, lease_expires_at = {leaseUntil},
                attempts = j.attempts + 1, updated_at = {now}
            FROM next
            WHERE j.id = next.id
            RETURNING j.id, j.type, j.payload::text AS payload, j.organization_id, j.attempts AS attempt, j.max_attempts, j.trace_parent
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Marks a claimed job done. False when the lease was lost (another worker owns the job now).</summary>
    public async Task<bool> CompleteAsync(ClaimedJob job, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Succeeded', completed_at = {now}, updated_at = {now},
                lease_owner = NULL, lease_expires_at = NULL, last_error = NULL
            WHERE id = {job.Id} AND lease_owner = {owner} AND attempts = {job.Attempt} AND status = 'Running'
            """, cancellationToken);
        return rows == 1;
    }

    /// <summary>
    /// Records a failed attempt: the job goes back to Pending after an exponential, jittered backoff,
    /// or to DeadLettered after its last attempt (or at once when <paramref name="permanent"/>).
    /// Returns the status written, or null when the lease was lost.
    /// </summary>
    public async Task<JobStatus?> FailAsync(
        ClaimedJob job, string owner, string error, bool permanent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dead = permanent || job.Attempt >= job.MaxAttempts;
        var status = dead ? JobStatus.DeadLettered : JobStatus.Pending;
        var runAfter = dead ? now : now + Backoff(job.Attempt, _options.BaseBackoff, _options.MaxBackoff, Random.Shared.NextDouble());
        DateTimeOffset? completedAt = dead ? now : null;
        var statusText = status.ToString();
        var truncated = error.Length > 4000 ? error[..4000] : error;
        var rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = {statusText}, run_after = {runAfter}, last_error = {truncated},
                lease_owner = NULL, lease_expires_at = NULL, updated_at = {now}, completed_at = {completedAt}
            WHERE id = {job.Id} AND lease_owner = {owner} AND attempts = {job.Attempt} AND status = 'Running'
            """, cancellationToken);
        return rows == 1 ? status : null;
    }

    /// <summary>
    /// Gives a claimed job back without counting the attempt (the worker is shutting down before it finished).
    /// </summary>
    public async Task<bool> ReleaseAsync(ClaimedJob job, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Pending', attempts = attempts - 1, run_after = {now},
                lease_owner = NULL, lease_expires_at = NULL, updated_at = {now}
            WHERE id = {job.Id} AND lease_owner = {owner} AND attempts = {job.Attempt} AND status = 'Running'
            """, cancellationToken);
        return rows == 1;
    }

    /// <summary>Extends the lease of a long-running job. False when it was already lost.</summary>
    public async Task<bool> RenewLeaseAsync(ClaimedJob job, string owner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + _options.LeaseDuration;
        var rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET lease_expires_at = {until}, updated_at = {now}
            WHERE id = {job.Id} AND lease_owner = {owner} AND attempts = {job.Attempt} AND status = 'Running'
            """, cancellationToken);
        return rows == 1;
    }

    /// <summary>
    /// Dead-letters running jobs whose lease expired on their final attempt (their worker died each time);
    /// expired jobs with attempts left are simply re-claimed by <see cref="ClaimAsync"/>.
    /// </summary>
    public async Task<int> DeadLetterExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'DeadLettered', lease_owner = NULL, lease_expires_at = NULL,
                last_error = 'The lease expired on the final attempt (the worker stopped responding).',
                completed_at = {now}, updated_at = {now}
            WHERE status = 'Running' AND lease_expires_at <= {now} AND attempts >= max_attempts
            """, cancellationToken);
    }

    /// <summary>Puts a dead-lettered job back in the queue with a fresh set of attempts (operator action).</summary>
    public async Task<bool> RequeueAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Database.ExecuteSqlAsync($"""
            UPDATE jobs SET status = 'Pending', attempts = 0, run_after = {now}, completed_at = NULL, updated_at = {now}
            WHERE id = {jobId} AND status = 'DeadLettered'
            """, cancellationToken);
        return rows == 1;
    }

    /// <summary>
    /// Delay before the attempt after <paramref name="attempt"/>: base × 2^(attempt−1), capped, with "equal jitter"
    /// (half fixed, half random) so retries of many jobs spread out but the delay never shrinks between attempts.
    /// </summary>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter01)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * Math.Clamp(jitter01, 0, 1));
    }
}

internal static class JobSerialization
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
