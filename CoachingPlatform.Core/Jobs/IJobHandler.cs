namespace CoachingPlatform.Core.Jobs;

/// <summary>A job payload type. Its <see cref="JobType"/> is the key its handler is registered under.</summary>
public interface IJobPayload
{
    /// <summary>Stable name stored in <c>jobs.type</c>, e.g. <c>sessions.ingest</c>. Never rename a shipped one.</summary>
    static abstract string JobType { get; }
}

/// <summary>
/// Handles one job type. Handlers must be idempotent: a job may run more than once
/// (a worker can crash after doing the work and before marking it done).
/// </summary>
public interface IJobHandler<in TPayload> where TPayload : IJobPayload
{
    Task HandleAsync(TPayload payload, JobContext context, CancellationToken cancellationToken);
}

/// <summary>What a handler knows about the run it is part of.</summary>
public sealed record JobContext(Guid JobId, int Attempt, int MaxAttempts, Guid? OrganizationId)
{
    /// <summary>True on the last attempt: a handler may choose to record a terminal failure state itself.</summary>
    public bool IsLastAttempt => Attempt >= MaxAttempts;
}

/// <summary>Thrown by a handler when retrying cannot help (bad payload, deleted data): the job is dead-lettered at once.</summary>
public sealed class PermanentJobFailureException(string message, Exception? inner = null) : Exception(message, inner);
