using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Tests.Integration.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace CoachingPlatform.Tests.Unit;

public sealed class JobRegistrationTests
{
    private sealed class HandlerA : IJobHandler<TestJob>
    {
        public Task HandleAsync(TestJob payload, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class HandlerB : IJobHandler<TestJob>
    {
        public Task HandleAsync(TestJob payload, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public void AddJobHandler_SamePairTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddJobHandler<TestJob, HandlerA>();
        services.AddJobHandler<TestJob, HandlerA>();

        Assert.Single(services, d => d.ServiceType == typeof(IJobExecutor) && Equals(d.ServiceKey, TestJob.JobType));
        Assert.Single(services, d => d.ServiceType == typeof(JobTypeRegistry));
        using var provider = services.BuildServiceProvider();
        Assert.Equal([TestJob.JobType], provider.GetRequiredService<JobTypeRegistry>().Types);
        Assert.NotNull(provider.CreateScope().ServiceProvider.GetRequiredKeyedService<IJobExecutor>(TestJob.JobType));
    }

    [Fact]
    public void AddJobHandler_DifferentHandlerForTakenType_Throws()
    {
        var services = new ServiceCollection();
        services.AddJobHandler<TestJob, HandlerA>();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddJobHandler<TestJob, HandlerB>());
        Assert.Contains(TestJob.JobType, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executor_UnreadablePayload_IsAPermanentFailure()
    {
        var services = new ServiceCollection();
        services.AddJobHandler<TestJob, HandlerA>();
        await using var provider = services.BuildServiceProvider();
        var executor = provider.CreateScope().ServiceProvider.GetRequiredKeyedService<IJobExecutor>(TestJob.JobType);

        await Assert.ThrowsAsync<PermanentJobFailureException>(
            () => executor.ExecuteAsync("{not json", new JobContext(Guid.NewGuid(), 1, 3, null), CancellationToken.None));
    }

    [Theory]
    [InlineData(1, 5, 10)]
    [InlineData(2, 10, 20)]
    [InlineData(3, 20, 40)]
    [InlineData(10, 300, 600)] // capped at MaxBackoff = 600 s
    public void Backoff_Attempt_GrowsExponentiallyWithinJitterBoundsAndCap(int attempt, double minSeconds, double maxSeconds)
    {
        var low = JobQueue.Backoff(attempt, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), 0);
        var high = JobQueue.Backoff(attempt, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), 1);

        Assert.Equal(minSeconds, low.TotalSeconds, 3);
        Assert.Equal(maxSeconds, high.TotalSeconds, 3);
    }
}
