using StackExchange.Redis;

namespace CoachingPlatform.Api.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window counters in Redis, shared by every API replica: one atomic script increments the window's
/// counter and starts its expiry on the first hit, so a crash between the two can never leave a counter
/// that never expires.
/// </summary>
public sealed class RedisFixedWindowCounter(IConnectionMultiplexer redis)
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
        return { count, ttl }
        """;

    /// <summary>
    /// Whether a Redis server is connected now. While it is not, a hit would wait in the client's backlog until
    /// the command times out; callers that fail open check this first so an outage costs no latency.
    /// </summary>
    public bool IsConnected => redis.IsConnected;

    /// <summary>Counts one hit on <paramref name="key"/>; returns the count in the current window and the time left in it.</summary>
    public async Task<(long Count, TimeSpan Remaining)> HitAsync(string key, TimeSpan window)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            Script, [new RedisKey(key)], [(long)window.TotalMilliseconds]))!;
        return ((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }
}
