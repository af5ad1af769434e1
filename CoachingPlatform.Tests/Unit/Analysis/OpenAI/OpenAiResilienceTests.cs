using System.ClientModel;
using System.Diagnostics;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Tests.Infrastructure.FakeOpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

/// <summary>
/// The provider client's resilience pipeline, end to end through the OpenAI SDK. The hosts' standard resilience
/// handler (ServiceDefaults) is registered too, so exact attempt counts also prove it was replaced, not stacked.
/// </summary>
public sealed class OpenAiResilienceTests : FakeOpenAiTestBase
{

    private IServiceProvider Services(params (string Key, string Value)[] overrides) =>
        Host(overrides.ToDictionary(o => o.Key, o => (string?)o.Value)).Services;

    [Fact]
    public async Task AnalyseAsync_TooManyRequestsWithRetryAfter_WaitsTheHeaderDelayThenSucceeds()
    {
        Server.EnqueueChat(FakeReply.TooManyRequests(TimeSpan.FromSeconds(1)), FakeReply.Json(OpenAiTestData.GoodReply));
        var analyzer = Services().GetRequiredService<IParticipantAnalyzer>();

        var watch = Stopwatch.StartNew();
        var analysis = await analyzer.AnalyseAsync(OpenAiTestData.Request(), CancellationToken.None);
        watch.Stop();

        Assert.Single(analysis.Wins);
        Assert.Equal(2, Server.ChatRequests.Count);
        // The back-off base is 20 ms in tests: only Retry-After explains a wait of a second.
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"retried after {watch.Elapsed}");
        var requests = Server.ChatRequests;
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(990));
    }

    [Fact]
    public async Task AnalyseAsync_TwoServerErrorsThenOk_SucceedsOnTheThirdRequest()
    {
        Server.EnqueueChat(FakeReply.ServerError(), FakeReply.ServerError(), FakeReply.Json(OpenAiTestData.GoodReply));
        var analyzer = Services().GetRequiredService<IParticipantAnalyzer>();

        var analysis = await analyzer.AnalyseAsync(OpenAiTestData.Request(), CancellationToken.None);

        Assert.Single(analysis.ActionItems);
        Assert.Equal(3, Server.ChatRequests.Count);
        // The body is re-sent intact on every attempt.
        Assert.Single(Server.ChatRequests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task GetResponseAsync_PersistentServerError_FailsAfterMaxRetriesPlusOneAttempts()
    {
        Server.ChatResponder = _ => FakeReply.ServerError();
        var chat = Services(("MaxRetries", "3")).GetRequiredService<IChatClient>();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync("Hello", cancellationToken: CancellationToken.None));

        Assert.Equal(500, error.Status);
        Assert.Equal(4, Server.ChatRequests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ServerHangs_TimesOutWithinTheConfiguredTimeout()
    {
        Server.ChatResponder = _ => FakeReply.Hang();
        var chat = Services(("Timeout", "00:00:02"), ("AttemptTimeout", "00:00:02")).GetRequiredService<IChatClient>();

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hello", cancellationToken: CancellationToken.None));
        watch.Stop();

        Assert.True(Chain(error).Any(e => e is TimeoutRejectedException), error.ToString());
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task GetResponseAsync_AfterRepeatedFailures_CircuitOpensAndFailsFastWithoutARequest()
    {
        Server.ChatResponder = _ => FakeReply.ServerError();
        var chat = Services(
            ("MaxRetries", "1"),
            ("CircuitMinimumThroughput", "2"),
            ("CircuitFailureRatio", "0.5"),
            ("CircuitSamplingDuration", "00:00:30"),
            ("CircuitBreakDuration", "00:00:30")).GetRequiredService<IChatClient>();

        await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync("Hello", cancellationToken: CancellationToken.None));
        Assert.Equal(2, Server.ChatRequests.Count);

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("Hello again", cancellationToken: CancellationToken.None));
        watch.Stop();

        Assert.True(Chain(error).Any(e => e is BrokenCircuitException), error.ToString());
        Assert.Equal(2, Server.ChatRequests.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task GetResponseAsync_BadRequest_IsNotRetried()
    {
        Server.ChatResponder = _ => FakeReply.Error(System.Net.HttpStatusCode.BadRequest);
        var chat = Services().GetRequiredService<IChatClient>();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync("Hello", cancellationToken: CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Single(Server.ChatRequests);
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }
}
