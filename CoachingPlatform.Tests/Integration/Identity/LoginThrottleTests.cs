using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.Integration.Identity;

/// <summary>An API whose per-account login limit is 3 attempts per window.</summary>
public sealed class LowLoginLimitApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("RateLimiting:LoginPerAccount", "3"),
        new("Auth:MaxFailedLogins", "100"), // so the throttle, not the lockout, is what stops the 4th attempt
    ];
}

public sealed class LoginThrottleTests(LowLoginLimitApiFactory api) : IClassFixture<LowLoginLimitApiFactory>
{
    [Fact]
    public async Task Login_MoreAttemptsForOneAccountThanTheLimit_Is429WithRetryAfter()
    {
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = api.A.CoachEmail, password = "wrong password" });
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        // Even the right password is refused while the account is over its limit.
        var throttled = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = api.A.CoachEmail.ToUpperInvariant(), password = ApiFactory.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("COACH_429", (await throttled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

        // Another account from the same address is unaffected by this account's limit.
        var other = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = api.A.LeadEmail, password = ApiFactory.Password });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
