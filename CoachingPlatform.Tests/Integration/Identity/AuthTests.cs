using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoachingPlatform.Tests.Integration.Identity;

public sealed class AuthTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;

    public AuthTests(ApiFactory api) => _api = api;

    [Fact]
    public async Task Login_CorrectPassword_ReturnsTokensThatAuthenticateMe()
    {
        var client = _api.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = _api.A.CoachEmail.ToUpperInvariant(), password = ApiFactory.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = await response.Content.ReadFromJsonAsync<ApiFactory.TokenBody>();
        Assert.Equal(900, tokens!.ExpiresIn);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(_api.A.CoachId, me.GetProperty("id").GetGuid());
        Assert.Equal("Coach", me.GetProperty("role").GetString());
        Assert.Equal(_api.A.OrganizationId, me.GetProperty("organization").GetProperty("id").GetGuid());
        Assert.Equal(_api.A.LeadId, me.GetProperty("leadId").GetGuid());
        Assert.NotEqual(JsonValueKind.Null, me.GetProperty("lastLoginAt").ValueKind);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData(null)] // unknown email
    public async Task Login_BadCredentials_Returns401WithCode(string? password)
    {
        var email = password is null ? "nobody@example.test" : _api.B.LeadEmail;
        var response = await _api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = password ?? ApiFactory.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("COACH_201", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Login_InvalidBody_Returns400ValidationProblem()
    {
        var response = await _api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = "not-an-email", password = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("COACH_100", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task Login_MalformedJson_Is400WithMalformedRequestCode()
    {
        var response = await _api.CreateClient().PostAsync("/api/v1/auth/login",
            new StringContent("{\"email\": \"a@b.c\", ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("COACH_101", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Login_FiveFailures_LocksTheAccountUntilTheLockoutEnds()
    {
        var client = _api.CreateClient();
        var email = _api.B.AdminEmail;
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = $"wrong {i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password });
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Equal("COACH_202", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        _api.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var unlocked = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password });
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        await using var db = _api.CreateDbContext();
        var coach = await db.Coaches.SingleAsync(c => c.Id == _api.B.AdminId);
        Assert.Equal(0, coach.FailedLoginCount);
        Assert.Null(coach.LockoutEndsAt);
    }

    [Fact]
    public async Task Refresh_RotatesAndReuseRevokesTheWholeFamily()
    {
        var client = _api.CreateClient();
        var first = await LoginAsync(client, _api.A.LeadEmail);

        var second = await RefreshAsync(client, first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(first.RefreshToken, second.Tokens!.RefreshToken);

        // The first token was rotated: presenting it again is reuse...
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, first.RefreshToken)).Status);
        // ...so even the legitimate successor is now revoked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, second.Tokens.RefreshToken)).Status);
        await using var db = _api.CreateDbContext();
        var family = await db.RefreshTokens.Where(t => t.CoachId == _api.A.LeadId).ToListAsync();
        Assert.All(family, t => Assert.NotNull(t.RevokedAt));
        Assert.Contains(family, t => t.RevokedReason == "reuse-detected");
    }

    [Fact]
    public async Task Refresh_ConcurrentUseOfOneToken_AtMostOneSucceeds()
    {
        var client = _api.CreateClient();
        var tokens = await LoginAsync(client, _api.B.CoachEmail);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RefreshAsync(_api.CreateClient(), tokens.RefreshToken)));

        Assert.True(results.Count(r => r.Status == HttpStatusCode.OK) <= 1);
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshToken()
    {
        var client = _api.CreateClient();
        var tokens = await LoginAsync(client, _api.A.AdminEmail);

        var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, tokens.RefreshToken)).Status);
    }

    [Fact]
    public async Task AccessToken_TamperedExpiredUnsignedOrOfADeletedCoach_Is401()
    {
        var client = _api.CreateClient();
        var valid = (await LoginAsync(client, _api.A.CoachEmail)).AccessToken;
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(valid));

        // Tampered: flip a character of the signature.
        var tampered = valid[..^2] + (valid[^2] == 'A' ? 'B' : 'A') + valid[^1];
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(tampered));

        // alg: none, same claims.
        var payload = valid.Split('.')[1];
        var none = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + payload + ".";
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(none));

        // Signed with another key.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(Sign(_api.A.CoachId, _api.A.OrganizationId, "another-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789")));

        // Expired: the 15-minute lifetime (plus skew) has passed.
        var expiring = (await LoginAsync(client, _api.A.LeadEmail)).AccessToken;
        _api.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(expiring));

        // A correctly signed, unexpired token of a coach that no longer exists.
        var ghost = Sign(Guid.NewGuid(), _api.A.OrganizationId, ApiFactory.SigningKey);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(ghost));
    }

    [Fact]
    public async Task Anonymous_ProtectedRoute_Is401ProblemJson()
    {
        var response = await _api.CreateClient().GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("COACH_401", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AccessToken_OfACoachDeactivatedAfterSignIn_Is401()
    {
        var token = (await LoginAsync(_api.CreateClient(), _api.B.LeadEmail)).AccessToken;
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(token));

        await using (var db = _api.CreateDbContext())
        {
            var lead = await db.Coaches.SingleAsync(c => c.Id == _api.B.LeadId);
            lead.DeactivatedAt = _api.Time.GetUtcNow();
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(token));
    }

    private string Sign(Guid coachId, Guid orgId, string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "coachingplatform",
        Audience = "coachingplatform-api",
        IssuedAt = _api.Time.GetUtcNow().UtcDateTime,
        NotBefore = _api.Time.GetUtcNow().UtcDateTime,
        Expires = _api.Time.GetUtcNow().AddMinutes(10).UtcDateTime,
        Claims = new Dictionary<string, object> { ["sub"] = coachId.ToString(), ["org"] = orgId.ToString(), ["role"] = "Admin" },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    private async Task<HttpStatusCode> MeStatusAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await _api.CreateClient().SendAsync(request)).StatusCode;
    }

    private static async Task<ApiFactory.TokenBody> LoginAsync(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiFactory.TokenBody>())!;
    }

    private static async Task<(HttpStatusCode Status, ApiFactory.TokenBody? Tokens)> RefreshAsync(HttpClient client, string refreshToken)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ApiFactory.TokenBody>() : null);
    }
}
