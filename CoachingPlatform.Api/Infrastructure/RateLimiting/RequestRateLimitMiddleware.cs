using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using CoachingPlatform.Core.Identity;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using HostingDefaults = Microsoft.Extensions.Hosting.Extensions;

namespace CoachingPlatform.Api.Infrastructure.RateLimiting;

/// <summary>
/// The request limit: every request of a signed-in coach counts against that coach, every other request against
/// its client address, in one-minute windows that all API replicas share through Redis. Runs after authentication
/// (it needs the coach) and after CORS (preflights are answered before they could use up a limit).
/// </summary>
internal sealed partial class RequestRateLimitMiddleware(
    RequestDelegate next,
    RedisFixedWindowCounter counter,
    IOptions<RateLimitOptions> options,
    TimeProvider time,
    ILogger<RequestRateLimitMiddleware> logger)
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // One warning per interval and replica is enough to page someone; one per request would flood the logs.
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(30);

    // Probes must never be limited (a limited /health would take a healthy replica out of rotation), and the
    // API reference loads several files per visit.
    private static readonly PathString[] ExemptPaths =
        [HostingDefaults.HealthEndpointPath, HostingDefaults.AlivenessEndpointPath, "/openapi", "/scalar"];

    private long _nextWarningAt;

    public async Task InvokeAsync(HttpContext context)
    {
        if (ExemptPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }

        var limits = options.Value;
        Guid? coachId = context.User.Identity?.IsAuthenticated == true
                        && Guid.TryParse(context.User.FindFirstValue(PlatformClaims.Subject), out var id)
            ? id
            : null;
        var (key, limit) = coachId is { } coach
            ? ($"rl:req:coach:{coach:N}", limits.PerCoachPerMinute)
            : ($"rl:req:addr:{AddressKey(context.Connection.RemoteIpAddress)}", limits.AnonymousPerAddressPerMinute);

        // Availability over strictness: this limiter protects capacity, not accounts (login has its own throttle,
        // which fails closed), so a Redis outage must not take the whole API down with it. While Redis is away
        // requests pass unlimited; the warning tells operators the limit is not being enforced.
        if (!counter.IsConnected)
        {
            WarnUnavailable(null);
            await next(context);
            return;
        }

        long count;
        TimeSpan windowLeft;
        try
        {
            (count, windowLeft) = await counter.HitAsync(key, Window);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            WarnUnavailable(ex);
            await next(context);
            return;
        }

        var headers = context.Response.Headers;
        headers[LimitHeader] = limit.ToString(CultureInfo.InvariantCulture);
        headers[RemainingHeader] = Math.Max(0, limit - count).ToString(CultureInfo.InvariantCulture);
        if (count <= limit)
        {
            await next(context);
            return;
        }

        // Whole seconds, rounded up so a client that waits exactly this long lands in the next window.
        var retryAfter = Math.Clamp((int)Math.Ceiling(windowLeft.TotalSeconds), 1, (int)Window.TotalSeconds);
        headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (count == limit + 1)
        {
            // Logged once per window: the first rejection is the news, the rest are the same news.
            if (coachId is { } limited)
            {
                LogCoachLimited(logger, limited, limit);
            }
            else
            {
                LogAddressLimited(logger, limit);
            }
        }

        await Problems.Create(
                StatusCodes.Status429TooManyRequests,
                ErrorCodes.RateLimited,
                "Too many requests",
                $"The limit is {limit} requests per minute. Retry after {retryAfter} s.")
            .ExecuteAsync(context);
    }

    /// <summary>
    /// The bucket of an address. IPv6 addresses count per /64, the block one subscriber usually holds, so cycling
    /// through the low bits does not escape the limit; IPv4-mapped IPv6 addresses count as their IPv4 address.
    /// </summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }

    private void WarnUnavailable(Exception? exception)
    {
        var now = time.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextWarningAt);
        if (now >= due && Interlocked.CompareExchange(ref _nextWarningAt, now + WarningInterval.Ticks, due) == due)
        {
            LogLimiterUnavailable(logger, exception);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Redis is unreachable: request rate limits are not enforced until it is back")]
    private static partial void LogLimiterUnavailable(ILogger logger, Exception? exception);

    [LoggerMessage(2, LogLevel.Information, "Coach {CoachId} reached the request limit of {Limit} per minute")]
    private static partial void LogCoachLimited(ILogger logger, Guid coachId, int limit);

    [LoggerMessage(3, LogLevel.Information, "An anonymous client address reached the request limit of {Limit} per minute")]
    private static partial void LogAddressLimited(ILogger logger, int limit);
}
