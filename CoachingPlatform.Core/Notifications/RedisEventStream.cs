using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CoachingPlatform.Core.Notifications;

/// <summary>Publishes real-time events for the coach web app.</summary>
public interface IPlatformEventPublisher
{
    /// <summary>
    /// Publishes after the state change is committed. Best effort: a lost event is recovered by the client
    /// reading the state (e.g. <c>GET /sessions/{id}/status</c>); a failure is logged, never thrown.
    /// </summary>
    Task PublishAsync(PlatformEvent platformEvent, CancellationToken cancellationToken);
}

/// <summary>
/// A Redis stream (<c>coaching:events</c>) with one consumer group for the API replicas: each event is read by
/// exactly one replica, which sends it through SignalR (the Redis backplane fans it out to every replica), so
/// coaches get each event once wherever they are connected. A pub/sub ping wakes the readers at once; entries
/// left pending by a replica that died are re-claimed after <see cref="ClaimIdle"/>.
/// </summary>
public sealed partial class RedisEventStream(IConnectionMultiplexer redis, ILogger<RedisEventStream> logger) : IPlatformEventPublisher
{
    public const string StreamKey = "coaching:events";
    public const string ConsumerGroup = "api";
    public static readonly RedisChannel WakeChannel = RedisChannel.Literal("coaching:events:wake");
    public static readonly TimeSpan ClaimIdle = TimeSpan.FromSeconds(30);

    /// <summary>Stream length kept; events are transient (the database holds the state).</summary>
    private const int MaxLength = 10_000;

    public async Task PublishAsync(PlatformEvent platformEvent, CancellationToken cancellationToken)
    {
        try
        {
            var db = redis.GetDatabase();
            await db.StreamAddAsync(StreamKey,
            [
                new NameValueEntry("name", platformEvent.Name),
                new NameValueEntry("org", platformEvent.OrganizationId.ToString()),
                new NameValueEntry("coach", platformEvent.CoachId.ToString()),
                new NameValueEntry("session", platformEvent.SessionId?.ToString() ?? ""),
                new NameValueEntry("payload", platformEvent.PayloadJson),
            ], maxLength: MaxLength, useApproximateMaxLength: true);
            await redis.GetSubscriber().PublishAsync(WakeChannel, "1");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogPublishFailed(logger, ex, platformEvent.Name, platformEvent.SessionId);
        }
    }

    /// <summary>Creates the consumer group (from now on) if it does not exist.</summary>
    public async Task EnsureGroupAsync()
    {
        try
        {
            await redis.GetDatabase().StreamCreateConsumerGroupAsync(StreamKey, ConsumerGroup, StreamPosition.NewMessages, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica created it.
        }
    }

    /// <summary>New events for this consumer, plus ones a dead replica left pending for longer than <see cref="ClaimIdle"/>.</summary>
    public async Task<IReadOnlyList<(RedisValue Id, PlatformEvent Event)>> ReadAsync(string consumer, int count)
    {
        var db = redis.GetDatabase();
        var entries = await db.StreamReadGroupAsync(StreamKey, ConsumerGroup, consumer, StreamPosition.NewMessages, count);
        // Entries a dead replica read but never acknowledged are re-claimed on every read, busy or not.
        var claimed = await db.StreamAutoClaimAsync(StreamKey, ConsumerGroup, consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", count);
        return entries.Concat(claimed.ClaimedEntries).Where(e => !e.IsNull).Select(e => (e.Id, Parse(e))).ToList();
    }

    public Task AcknowledgeAsync(RedisValue id) => redis.GetDatabase().StreamAcknowledgeAsync(StreamKey, ConsumerGroup, id);

    private static PlatformEvent Parse(StreamEntry entry)
    {
        string Field(string name) => entry[name].ToString();
        var session = Field("session");
        return new PlatformEvent(
            Field("name"),
            Guid.Parse(Field("org"), CultureInfo.InvariantCulture),
            Guid.Parse(Field("coach"), CultureInfo.InvariantCulture),
            session.Length == 0 ? null : Guid.Parse(session, CultureInfo.InvariantCulture),
            Field("payload"));
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not publish {EventName} for session {SessionId}; clients will see the state on their next read")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string eventName, Guid? sessionId);
}
