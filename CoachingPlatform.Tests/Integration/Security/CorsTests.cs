using System.ComponentModel.DataAnnotations;
using System.Net;
using CoachingPlatform.Api.Infrastructure.Security;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.Integration.Security;

/// <summary>An API that allows two frontend origins (one configured with a trailing slash).</summary>
public sealed class CorsApiFactory : ApiFactory
{
    public const string Frontend = "https://app.example.test";
    public const string AdminFrontend = "https://admin.example.test";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Cors:AllowedOrigins:0", Frontend),
        new("Cors:AllowedOrigins:1", AdminFrontend + "/"),
    ];
}

public sealed class CorsTests(CorsApiFactory api) : IClassFixture<CorsApiFactory>
{
    [Theory]
    [InlineData(CorsApiFactory.Frontend, "/api/v1/me", "GET", "authorization")]
    [InlineData(CorsApiFactory.AdminFrontend, "/api/v1/summaries/00000000-0000-0000-0000-000000000001", "PATCH", "authorization,content-type,if-match")]
    [InlineData(CorsApiFactory.Frontend, "/api/v1/sessions", "POST", "authorization,idempotency-key")]
    [InlineData(CorsApiFactory.Frontend, "/hubs/coaching/negotiate", "POST", "authorization,x-requested-with,x-signalr-user-agent")]
    public async Task Preflight_FromAnAllowedOrigin_AllowsItsMethodAndHeaders(string origin, string path, string method, string headers)
    {
        var response = await PreflightAsync(api.CreateClient(), path, origin, method, headers);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains(method, response.Headers.GetValues("Access-Control-Allow-Methods").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)));
        var allowedHeaders = response.Headers.GetValues("Access-Control-Allow-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(headers.Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase), allowedHeaders);
        // Bearer tokens, not cookies: credentials are never allowed.
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.example.test")]
    [InlineData("http://app.example.test")] // the allowed host over another scheme is another origin
    [InlineData("https://app.example.test.evil.test")]
    [InlineData("null")]
    public async Task Preflight_FromAnotherOrigin_HasNoAllowOrigin(string origin)
    {
        var response = await PreflightAsync(api.CreateClient(), "/api/v1/me", origin, "GET", "authorization");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_ForAHeaderTheApiDoesNotUse_IsNotAllowed()
    {
        var response = await PreflightAsync(api.CreateClient(), "/api/v1/me", CorsApiFactory.Frontend, "GET", "authorization,x-custom");

        // The browser refuses the request unless every requested header is echoed back as allowed.
        var allowed = response.Headers.TryGetValues("Access-Control-Allow-Headers", out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))
            : [];
        Assert.DoesNotContain("x-custom", allowed, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Request_FromAnAllowedOrigin_ExposesTheHeadersTheFrontendReads()
    {
        var client = await api.ClientForAsync(api.A.CoachEmail);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Origin", CorsApiFactory.Frontend);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CorsApiFactory.Frontend, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Superset(new HashSet<string>(["Retry-After", "ETag", "Location", "X-RateLimit-Limit", "X-RateLimit-Remaining"]), exposed);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("app.example.test")]
    [InlineData("https://app.example.test/path")]
    [InlineData("ftp://app.example.test")]
    [InlineData("https://app.example.test:443")]
    public void Options_ValueThatIsNotAnOrigin_FailsValidation(string origin)
    {
        var options = new PlatformCorsOptions { AllowedOrigins = ["https://ok.example.test", origin] };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(origin, Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Origins_PassValidationWithTrailingSlashTrimmed()
    {
        var options = new PlatformCorsOptions { AllowedOrigins = ["https://app.example.test/", "http://localhost:5173"] };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
        Assert.Equal(["https://app.example.test", "http://localhost:5173"], options.NormalizedOrigins);
    }

    internal static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string path, string origin, string method, string headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await client.SendAsync(request);
    }
}

/// <summary>The default configuration: no origin is allowed.</summary>
public sealed class CorsDefaultTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Preflight_WithNoConfiguredOrigins_AllowsNoOrigin()
    {
        var response = await CorsTests.PreflightAsync(api.CreateClient(), "/api/v1/me", CorsApiFactory.Frontend, "GET", "authorization");

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
