using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Jobs;

/// <summary>Where a durable job is in its life.</summary>
public enum JobStatus
{
    /// <summary>Waiting to be claimed (first run or a retry whose backoff has passed).</summary>
    Pending,
    /// <summary>Claimed by a worker that holds a lease on it.</summary>
    Running,
    Succeeded,
    /// <summary>Failed its last attempt; kept for an operator to inspect or requeue.</summary>
    DeadLettered,
}

/// <summary>
/// A row of the <c>jobs</c> table: durable pipeline work. Written in the same transaction as the data
/// that needs it (the table doubles as the outbox), claimed by workers with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed class JobRecord : ITimestamped
{
    public Guid Id { get; set; }
    /// <summary>The handler key, e.g. <c>sessions.ingest</c>.</summary>
    public required string Type { get; set; }
    /// <summary>JSON payload (IDs only: never personal data).</summary>
    public required string Payload { get; set; }
    public Guid? OrganizationId { get; set; }
    public JobStatus Status { get; set; }
    /// <summary>Attempts started so far (incremented on claim).</summary>
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; }
    /// <summary>Not claimable before this time (used for retry backoff and scheduling).</summary>
    public DateTimeOffset RunAfter { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>W3C traceparent of the request that enqueued the job, so the worker continues its trace.</summary>
    public string? TraceParent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
