using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>Operator endpoints: a pipeline self-test and job inspection.</summary>
public static class SystemEndpoints
{
    public static RouteGroupBuilder MapSystemEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/system").WithTags("System").RequireAuthorization(Policies.Admin);
        group.MapPost("/self-test", EnqueueSelfTest)
            .WithSummary("Enqueue a self-test job")
            .WithDescription("Writes a job that a worker claims and completes; poll GET /system/jobs/{id} to see it succeed.");
        group.MapGet("/jobs/{id:guid}", GetJob)
            .WithSummary("Read a job's state")
            .WithDescription("Status, attempts and last error of a durable job of your organisation. The payload is not returned.");
        return api;
    }

    private static async Task<Accepted<JobStatusResponse>> EnqueueSelfTest(
        CoachingDbContext db, JobQueue queue, ICurrentUser user, CancellationToken cancellationToken)
    {
        var job = queue.Enqueue(new SelfTestJob("api"), user.OrganizationId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/system/jobs/{job.Id}", JobStatusResponse.From(job));
    }

    private static async Task<Results<Ok<JobStatusResponse>, ProblemHttpResult>> GetJob(
        Guid id, CoachingDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        // Jobs are not tenant-filtered (the worker claims across organisations), so scope them here.
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && j.OrganizationId == user.OrganizationId, cancellationToken);
        return job is null ? Problems.NotFound("job") : TypedResults.Ok(JobStatusResponse.From(job));
    }
}

/// <summary>A durable job as an operator sees it.</summary>
public sealed record JobStatusResponse(
    Guid Id, string Type, JobStatus Status, int Attempts, int MaxAttempts, DateTimeOffset RunAfter,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string? LastError)
{
    public static JobStatusResponse From(JobRecord job) => new(
        job.Id, job.Type, job.Status, job.Attempts, job.MaxAttempts, job.RunAfter, job.CreatedAt, job.CompletedAt, job.LastError);
}
