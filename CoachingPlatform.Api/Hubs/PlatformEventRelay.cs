using System.Text.Json;
using CoachingPlatform.Core.Notifications;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace CoachingPlatform.Api.Hubs;

/// <summary>
/// Reads the platform event stream as one consumer of the API replicas' group and sends each event to the coach's
/// SignalR group; the Redis backplane delivers it on whichever replica the coach is connected to.
/// </summary>
internal sealed partial class PlatformEventRelay(
    RedisEventStream stream,
    IConnectionMultiplexer redis,
    IHubContext<CoachingHub> hub,
    ILogger<PlatformEventRelay> logger) : BackgroundService
{
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = await redis.GetSubscriber().SubscribeAsync(RedisEventStream.WakeChannel);
        subscription.OnMessage(_ => Wake());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await stream.EnsureGroupAsync();
                while (!stoppingToken.IsCancellationRequested)
                {
                    var batch = await stream.ReadAsync(_consumer, 100);
                    foreach (var (id, platformEvent) in batch)
                    {
                        try
                        {
                            await SendAsync(platformEvent, stoppingToken);
                        }
                        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
                        {
                            // A malformed entry would fail the same way on every replica: drop it, never crash the host.
                            LogPoisonEvent(logger, ex, id.ToString());
                        }

                        await stream.AcknowledgeAsync(id);
                    }

                    if (batch.Count == 0)
                    {
                        // Woken at once by the publisher's ping; the timeout also re-claims a dead replica's entries.
                        await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever went wrong, the relay keeps going: a dead relay silently stops every coach's live updates.
                LogRelayFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }

        await subscription.UnsubscribeAsync();
    }

    private async Task SendAsync(PlatformEvent platformEvent, CancellationToken cancellationToken)
    {
        using var payload = JsonDocument.Parse(platformEvent.PayloadJson);
        await hub.Clients.Group(CoachingHub.CoachGroup(platformEvent.CoachId)).SendAsync(platformEvent.Name, payload.RootElement, cancellationToken);
        if (platformEvent.SessionId is { } sessionId)
        {
            // Supervisors who joined the session (its owner never joins that group, so gets the event once).
            await hub.Clients.Group(CoachingHub.SessionGroup(sessionId)).SendAsync(platformEvent.Name, payload.RootElement, cancellationToken);
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
            // Already signalled.
        }
    }

    [LoggerMessage(2, LogLevel.Error, "Dropped malformed platform event {EntryId}")]
    private static partial void LogPoisonEvent(ILogger logger, Exception exception, string entryId);

    [LoggerMessage(1, LogLevel.Warning, "Relaying platform events failed; retrying")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
