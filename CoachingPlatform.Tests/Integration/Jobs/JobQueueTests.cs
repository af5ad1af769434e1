using System.Collections.Concurrent;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CoachingPlatform.Tests.Integration.Jobs;

public sealed record TestJob(int Number) : IJobPayload
{
    public static string JobType => "test.job";
}

public sealed class JobQueueTests : IAsyncLifetime
{
    private static readonly string[] Types = [TestJob.JobType];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly JobOptions _options = new()
    {
        MaxAttempts = 3,
        LeaseDuration = TimeSpan.FromMinutes(1),
        BaseBackoff = TimeSpan.FromSeconds(10),
        MaxBackoff = TimeSpan.FromMinutes(10),
    };

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await LocalPostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Claim_FourConcurrentClaimers_NeverGetTheSameJob()
    {
        await EnqueueAsync(200);

        var claimedBy = new ConcurrentDictionary<Guid, string>();
        var duplicates = 0;
        var claimers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var owner = $"worker-{i}";
            while (true)
            {
                await using var db = _database.CreateContext(_time);
                var batch = await TestDatabase.CreateQueue(db, _time, _options).ClaimAsync(owner, 3, Types, CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var job in batch)
                {
                    if (!claimedBy.TryAdd(job.Id, owner))
                    {
                        Interlocked.Increment(ref duplicates);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(claimers);

        Assert.Equal(0, duplicates);
        Assert.Equal(200, claimedBy.Count);
        Assert.True(claimedBy.Values.Distinct().Count() > 1, "the work should have been shared between claimers");
        await using var check = _database.CreateContext();
        Assert.Equal(200, await check.Jobs.CountAsync(j => j.Status == JobStatus.Running && j.Attempts == 1));
    }

    [Fact]
    public async Task Claim_ExpiredLease_IsReclaimedAndTheStaleOwnerCannotComplete()
    {
        await EnqueueAsync(1);
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);

        var first = Assert.Single(await queue.ClaimAsync("a", 10, Types, CancellationToken.None));
        Assert.Empty(await queue.ClaimAsync("b", 10, Types, CancellationToken.None)); // lease still valid

        _time.Advance(_options.LeaseDuration + TimeSpan.FromSeconds(1));
        var second = Assert.Single(await queue.ClaimAsync("b", 10, Types, CancellationToken.None));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Attempt);
        Assert.False(await queue.CompleteAsync(first, "a", CancellationToken.None));
        Assert.True(await queue.CompleteAsync(second, "b", CancellationToken.None));
        var row = await db.Jobs.AsNoTracking().SingleAsync();
        Assert.Equal(JobStatus.Succeeded, row.Status);
        Assert.Equal(_time.GetUtcNow(), row.CompletedAt);
    }

    [Fact]
    public async Task Fail_BeforeLastAttempt_ReschedulesWithGrowingBackoff()
    {
        await EnqueueAsync(1);
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);
        var delays = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var job = Assert.Single(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));
            Assert.Equal(attempt, job.Attempt);
            Assert.Equal(JobStatus.Pending, await queue.FailAsync(job, "a", "boom", permanent: false, CancellationToken.None));

            var row = await db.Jobs.AsNoTracking().SingleAsync();
            var delay = row.RunAfter - _time.GetUtcNow();
            var ceiling = _options.BaseBackoff * Math.Pow(2, attempt - 1);
            Assert.InRange(delay, ceiling / 2, ceiling);
            Assert.Equal("boom", row.LastError);
            delays.Add(delay);

            Assert.Empty(await queue.ClaimAsync("a", 1, Types, CancellationToken.None)); // not before its backoff
            _time.Advance(delay);
        }

        Assert.True(delays[1] >= delays[0]);
    }

    [Fact]
    public async Task Fail_OnLastAttempt_DeadLetters()
    {
        await EnqueueAsync(1);
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);

        JobStatus? status = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var job = Assert.Single(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));
            status = await queue.FailAsync(job, "a", $"failure {attempt}", permanent: false, CancellationToken.None);
            _time.Advance(_options.MaxBackoff);
        }

        Assert.Equal(JobStatus.DeadLettered, status);
        Assert.Empty(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));
        var row = await db.Jobs.AsNoTracking().SingleAsync();
        Assert.Equal(JobStatus.DeadLettered, row.Status);
        Assert.Equal(_options.MaxAttempts, row.Attempts);
        Assert.Equal($"failure {_options.MaxAttempts}", row.LastError);

        Assert.True(await queue.RequeueAsync(row.Id, CancellationToken.None));
        var again = Assert.Single(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));
        Assert.Equal(1, again.Attempt);
    }

    [Fact]
    public async Task Fail_Permanent_DeadLettersOnFirstAttempt()
    {
        await EnqueueAsync(1);
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);
        var job = Assert.Single(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));

        Assert.Equal(JobStatus.DeadLettered, await queue.FailAsync(job, "a", "bad payload", permanent: true, CancellationToken.None));
        Assert.Equal(1, (await db.Jobs.AsNoTracking().SingleAsync()).Attempts);
    }

    [Fact]
    public async Task DeadLetterExpired_LeaseLostOnFinalAttempt_DeadLettersInsteadOfRetrying()
    {
        await EnqueueAsync(1);
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            Assert.Single(await queue.ClaimAsync($"crashing-{attempt}", 1, Types, CancellationToken.None));
            _time.Advance(_options.LeaseDuration + TimeSpan.FromSeconds(1)); // the worker dies holding the lease
        }

        Assert.Empty(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));
        Assert.Equal(1, await queue.DeadLetterExpiredAsync(CancellationToken.None));
        Assert.Equal(JobStatus.DeadLettered, (await db.Jobs.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task Release_OnShutdown_ReturnsTheJobWithoutCountingTheAttempt()
    {
        await EnqueueAsync(1);
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);
        var job = Assert.Single(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));

        Assert.True(await queue.ReleaseAsync(job, "a", CancellationToken.None));
        var again = Assert.Single(await queue.ClaimAsync("b", 1, Types, CancellationToken.None));
        Assert.Equal(1, again.Attempt);
    }

    [Fact]
    public async Task Claim_OnlyTakesTypesThisWorkerHandles()
    {
        await EnqueueAsync(1);
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);

        Assert.Empty(await queue.ClaimAsync("a", 1, ["other.type"], CancellationToken.None));
        Assert.Single(await queue.ClaimAsync("a", 1, Types, CancellationToken.None));
    }

    [Fact]
    public async Task Enqueue_TransactionRolledBack_LeavesNoJob()
    {
        await using (var db = _database.CreateContext(_time))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            TestDatabase.CreateQueue(db, _time, _options).Enqueue(new TestJob(1));
            await db.SaveChangesAsync();
            Assert.Equal(1, await db.Jobs.CountAsync()); // visible inside the transaction
            await transaction.RollbackAsync();
        }

        await using var check = _database.CreateContext();
        Assert.Equal(0, await check.Jobs.CountAsync());
    }

    [Fact]
    public async Task Enqueue_CommittedWithData_StoresPayloadTraceAndSchedule()
    {
        await using (var db = _database.CreateContext(_time))
        {
            using var activity = new System.Diagnostics.Activity("upload").Start();
            TestDatabase.CreateQueue(db, _time, _options).Enqueue(new TestJob(42));
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        var row = await check.Jobs.AsNoTracking().SingleAsync();
        Assert.Equal(TestJob.JobType, row.Type);
        Assert.Contains("42", row.Payload, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Pending, row.Status);
        Assert.Equal(_time.GetUtcNow(), row.RunAfter);
        Assert.Equal(_time.GetUtcNow(), row.CreatedAt);
        Assert.NotNull(row.TraceParent);
    }

    private async Task EnqueueAsync(int count)
    {
        await using var db = _database.CreateContext(_time);
        var queue = TestDatabase.CreateQueue(db, _time, _options);
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(new TestJob(i));
        }

        await db.SaveChangesAsync();
    }
}
