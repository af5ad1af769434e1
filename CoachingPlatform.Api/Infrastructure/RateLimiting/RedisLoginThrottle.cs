using System.Security.Cryptography;
using System.Text;
using CoachingPlatform.Core.Identity;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Api.Infrastructure.RateLimiting;

/// <summary>Limits login attempts per client address and per account, across replicas.</summary>
internal sealed class RedisLoginThrottle(RedisFixedWindowCounter counter, IOptions<RateLimitOptions> options) : ILoginThrottle
{
    public async ValueTask<TimeSpan?> RegisterAttemptAsync(string? remoteAddress, string email, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var (perAddress, addressLeft) = await counter.HitAsync($"rl:login:ip:{remoteAddress ?? "unknown"}", TimeSpan.FromMinutes(1));
        // The account key is a hash: no email address is ever written to Redis.
        var account = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)))[..32];
        var (perAccount, accountLeft) = await counter.HitAsync($"rl:login:acct:{account}", limits.LoginAccountWindow);
        if (perAddress > limits.LoginPerAddressPerMinute)
        {
            return addressLeft;
        }

        return perAccount > limits.LoginPerAccount ? accountLeft : null;
    }
}
