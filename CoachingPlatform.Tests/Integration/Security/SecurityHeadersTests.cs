using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CoachingPlatform.Tests.Integration.Security;

public sealed partial class SecurityHeadersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> ApiResponses => ["200", "404", "401"];

    [Theory]
    [MemberData(nameof(ApiResponses))]
    public async Task ApiResponse_OkNotFoundOrUnauthorized_CarriesTheSecurityHeadersAndNoStore(string kind)
    {
        var (client, path, expected) = kind switch
        {
            "200" => (await api.ClientForAsync(api.A.CoachEmail), "/api/v1/me", HttpStatusCode.OK),
            "404" => (await api.ClientForAsync(api.A.AdminEmail), $"/api/v1/system/jobs/{Guid.NewGuid()}", HttpStatusCode.NotFound),
            _ => (api.CreateClient(), "/api/v1/me", HttpStatusCode.Unauthorized),
        };

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.NotFound)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        AssertSecurityHeaders(response);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control of {path} is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task Probe_Alive_CarriesTheSecurityHeaders()
    {
        var response = await api.CreateClient().GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Hsts_OutsideDevelopment_IsSentOnHttpsOnly()
    {
        // The fixture runs in the "Testing" environment. Loopback hosts are exempt from HSTS, so use a real-looking host.
        var https = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.example.test") });
        var http = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://api.example.test") });

        var secure = await https.GetAsync("/alive");
        var plain = await http.GetAsync("/alive");

        Assert.Equal("max-age=31536000", Header(secure, "Strict-Transport-Security"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ScalarPage_Csp_AllowsTheScriptsThePageUsesAndNothingElse()
    {
        var client = api.CreateClient();

        var page = await client.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(page);
        var html = await page.Content.ReadAsStringAsync();
        var directives = Header(page, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToHashSet());
        var scriptSrc = directives["script-src"];
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc);
        Assert.DoesNotContain("'unsafe-eval'", scriptSrc);
        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        // Nothing of the page comes from, or is sent to, another origin (Scalar's CDN fonts and request proxy included).
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v.Contains("://", StringComparison.Ordinal));
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
        Assert.Contains("'self'", directives["connect-src"]); // the OpenAPI document and "try it" requests

        var scripts = ScriptElement().Matches(html);
        Assert.NotEmpty(scripts);
        foreach (Match script in scripts)
        {
            var src = script.Groups["src"];
            if (src.Success)
            {
                // A same-origin script: allowed by 'self', and it is really served from here.
                Assert.False(Uri.TryCreate(src.Value, UriKind.Absolute, out _), $"script {src.Value} is not same-origin");
                Assert.Contains("'self'", scriptSrc);
                var asset = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/scalar/"), src.Value));
                Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
                Assert.Contains("javascript", asset.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            }
            else
            {
                var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script.Groups["body"].Value.ReplaceLineEndings("\n"))));
                Assert.Contains($"'sha256-{hash}'", scriptSrc);
            }
        }
    }

    [Fact]
    public async Task ScalarRedirect_WithoutTrailingSlash_CarriesTheSecurityHeaders()
    {
        var response = await api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        var permissions = Header(response, "Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()" })
        {
            Assert.Contains(feature, permissions, StringComparison.Ordinal);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode} response to {response.RequestMessage?.RequestUri} has no {name} header");

    [GeneratedRegex("""<script(?:\s+[^>]*?\bsrc="(?<src>[^"]+)")?[^>]*>(?<body>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();
}
