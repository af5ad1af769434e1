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

/// <summary>An API that allows 3 sign-in attempts per client address per minute.</summary>
public sealed class LowAddressLimitApiFactory : ApiFactory
{
    // Behind a (simulated) trusted proxy, so X-Forwarded-For gives this test an address no other test shares.
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("RateLimiting:LoginPerAddressPerMinute", "3"), new("ForwardedHeaders_Enabled", "true")];
}

public sealed class LoginAddressThrottleTests(LowAddressLimitApiFactory api) : IClassFixture<LowAddressLimitApiFactory>
{
    [Fact]
    public async Task Login_MoreAttemptsFromOneAddressThanTheLimit_Is429WhateverTheAccount()
    {
        // Each attempt is for a different account, so only the per-address limit can stop the 4th.
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{Random.Shared.Next(1, 254)}");
        string[] accounts = [api.A.CoachEmail, api.A.LeadEmail, api.A.AdminEmail];
        foreach (var email in accounts)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password })).StatusCode);
        }

        var fourth = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = api.B.CoachEmail, password = ApiFactory.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("COACH_429", (await fourth.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
