using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.Integration.Security;

/// <summary>An API whose per-coach request limit is 5 per minute. Seeded coach ids are unique, so counts start at 0.</summary>
public sealed class LowCoachLimitApiFactory : ApiFactory
{
    public const int Limit = 5;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("RateLimiting:PerCoachPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>
/// An API whose anonymous per-address limit is 3 per minute, behind a (simulated) trusted proxy: the standard
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> switch makes <c>X-Forwarded-For</c> the client address, so each test
/// can use an address no other test shares.
/// </summary>
public sealed class LowAnonymousLimitApiFactory : ApiFactory
{
    public const int Limit = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("RateLimiting:AnonymousPerAddressPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("ForwardedHeaders_Enabled", "true"),
    ];
}

public sealed class CoachRateLimitTests(LowCoachLimitApiFactory api) : IClassFixture<LowCoachLimitApiFactory>
{
    [Fact]
    public async Task Request_SixthOfOneCoachInAMinute_Is429WithRetryAfterAndOtherCoachesUnaffected()
    {
        var coach = await api.ClientForAsync(api.A.CoachEmail);
        for (var i = 1; i <= LowCoachLimitApiFactory.Limit; i++)
        {
            var ok = await coach.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("5", Assert.Single(ok.Headers.GetValues("X-RateLimit-Limit")));
            Assert.Equal($"{LowCoachLimitApiFactory.Limit - i}", Assert.Single(ok.Headers.GetValues("X-RateLimit-Remaining")));
        }

        var limited = await coach.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("COACH_429", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        AssertRetryAfterInWholeSecondsWithinTheWindow(limited);
        Assert.Equal("0", Assert.Single(limited.Headers.GetValues("X-RateLimit-Remaining")));

        // The limit is the coach's, not the route's or the connection's: another coach (same org) still gets through.
        var other = await api.ClientForAsync(api.A.LeadEmail);
        var otherResponse = await other.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
        Assert.Equal("4", Assert.Single(otherResponse.Headers.GetValues("X-RateLimit-Remaining")));

        // Probes are never limited, even for a limited coach.
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task Request_LimitedCoach_IsLoggedOnceByIdOnly()
    {
        var coach = await api.ClientForAsync(api.B.CoachEmail);
        for (var i = 0; i < LowCoachLimitApiFactory.Limit + 3; i++)
        {
            await coach.GetAsync("/api/v1/me");
        }

        var lines = api.Logs.Lines.Where(l => l.Contains("reached the request limit", StringComparison.Ordinal) && l.Contains(api.B.CoachId.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.DoesNotContain(lines, l => l.Contains(api.B.CoachEmail, StringComparison.OrdinalIgnoreCase));
    }

    internal static void AssertRetryAfterInWholeSecondsWithinTheWindow(HttpResponseMessage response)
    {
        var raw = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(raw, out var seconds), $"Retry-After '{raw}' is not whole seconds");
        Assert.InRange(seconds, 1, 60);
    }
}

public sealed class AnonymousRateLimitTests(LowAnonymousLimitApiFactory api) : IClassFixture<LowAnonymousLimitApiFactory>
{
    [Fact]
    public async Task AnonymousRequest_OverTheAddressLimit_Is429AndOtherAddressesUnaffected()
    {
        var client = api.CreateClient();
        var address = UniqueAddress();
        for (var i = 0; i < LowAnonymousLimitApiFactory.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, "/api/v1/me", address)).StatusCode);
        }

        var limited = await SendAsync(client, "/api/v1/me", address);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("COACH_429", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        CoachRateLimitTests.AssertRetryAfterInWholeSecondsWithinTheWindow(limited);
        // Login is anonymous too: the address limit covers it (on top of the login throttle).
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(client, "/api/v1/auth/login", address, JsonContent.Create(new { email = api.A.CoachEmail, password = ApiFactory.Password }))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, "/api/v1/me", UniqueAddress())).StatusCode);
        // Probes and the API description stay reachable from a limited address. (Only "not limited" for the
        // OpenAPI document: whether it renders is the OpenAPI tests' business.)
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/alive", address)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/scalar/", address)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await SendAsync(client, "/openapi/v1.json", address)).StatusCode);
    }

    [Fact]
    public async Task AnonymousRequest_IPv6_CountsPerSlash64()
    {
        var client = api.CreateClient();
        var prefix = $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}";
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= LowAnonymousLimitApiFactory.Limit + 1; i++)
        {
            // A different interface id each time: rotating addresses inside one /64 must not reset the count.
            statuses.Add((await SendAsync(client, "/api/v1/me", $"{prefix}::{i:x}")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, LowAnonymousLimitApiFactory.Limit), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task AnonymousRequest_FromTheTestServerAddress_Is429WithinLimitPlusOne()
    {
        // No forwarded header: the address the test server reports, which every anonymous request of the run
        // shares, so earlier requests may already have used part of this window.
        var client = api.CreateClient();
        HttpResponseMessage? limited = null;
        for (var i = 0; i <= LowAnonymousLimitApiFactory.Limit && limited is null; i++)
        {
            var response = await client.GetAsync("/api/v1/me");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.NotNull(limited);
        Assert.Equal("COACH_429", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        CoachRateLimitTests.AssertRetryAfterInWholeSecondsWithinTheWindow(limited);
    }

    private static string UniqueAddress() =>
        $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string forwardedFor, HttpContent? body = null)
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path) { Content = body };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
