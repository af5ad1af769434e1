namespace CoachingPlatform.Core.Jobs;

/// <summary>
/// An operator's end-to-end check of the pipeline plumbing: the API enqueues it, a worker claims and
/// completes it. Seeing it reach <see cref="JobStatus.Succeeded"/> proves database, queue and worker are wired.
/// </summary>
public sealed record SelfTestJob(string RequestedBy) : IJobPayload
{
    public static string JobType => "system.self-test";
}

internal sealed class SelfTestJobHandler : IJobHandler<SelfTestJob>
{
    public Task HandleAsync(SelfTestJob payload, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
