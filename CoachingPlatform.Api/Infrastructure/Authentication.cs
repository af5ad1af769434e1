using System.Security.Claims;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CoachingPlatform.Api.Infrastructure;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Coach leads and admins: team supervision, coach lists.</summary>
    public const string Lead = "lead";

    /// <summary>Admins only: organisation management, audit.</summary>
    public const string Admin = "admin";
}

internal static class AuthenticationExtensions
{
    public static WebApplicationBuilder AddPlatformAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
        // Replaces Core's default: in a request the tenant is the caller's organisation, fail-closed when anonymous.
        builder.Services.Replace(ServiceDescriptor.Scoped<ITenantContext, HttpTenantContext>());
        builder.Services.TryAddSingleton<IPasswordHasher<Coach>, PasswordHasher<Coach>>();
        builder.Services.AddScoped<AuthService>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, time) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TimeProvider = time;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = AuthService.SigningKey(auth.Value),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // Lifetimes are judged by the same TimeProvider that issued the token (IdentityModel reads the system clock).
                    LifetimeValidator = (notBefore, expires, _, parameters) =>
                    {
                        var now = time.GetUtcNow().UtcDateTime;
                        return expires is { } exp && exp > now - parameters.ClockSkew
                               && (notBefore is not { } nbf || nbf <= now + parameters.ClockSkew);
                    },
                    NameClaimType = PlatformClaims.Subject,
                    RoleClaimType = PlatformClaims.Role,
                };
                jwt.Events = new JwtBearerEvents
                {
                    // SignalR sends the token in the query string for WebSockets.
                    OnMessageReceived = context =>
                    {
                        if (context.Request.Path.StartsWithSegments("/hubs")
                            && context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    // A valid signature is not enough: the coach must still exist and be active.
                    OnTokenValidated = async context =>
                    {
                        var sub = context.Principal?.FindFirstValue(PlatformClaims.Subject);
                        if (!Guid.TryParse(sub, out var coachId))
                        {
                            context.Fail("The token has no subject.");
                            return;
                        }

                        var db = context.HttpContext.RequestServices.GetRequiredService<CoachingDbContext>();
                        var active = await db.Coaches.IgnoreQueryFilters().AsNoTracking()
                            .AnyAsync(c => c.Id == coachId && c.DeactivatedAt == null, context.HttpContext.RequestAborted);
                        if (!active)
                        {
                            context.Fail("The coach no longer exists or was deactivated.");
                        }
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            // Every endpoint needs an authenticated coach unless it says AllowAnonymous.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Lead, p => p.RequireRole(nameof(CoachRole.CoachLead), nameof(CoachRole.Admin)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(CoachRole.Admin)));
        return builder;
    }
}

/// <summary>The caller, read from the validated access token.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    public Guid CoachId => Guid.Parse(Claim(PlatformClaims.Subject));

    public Guid OrganizationId => Guid.Parse(Claim(PlatformClaims.Organization));

    public CoachRole Role => Enum.Parse<CoachRole>(Claim(PlatformClaims.Role));

    public string? RemoteAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private string Claim(string type) =>
        (IsAuthenticated ? User!.FindFirstValue(type) : null)
        ?? throw new InvalidOperationException("There is no authenticated coach in this context.");
}

/// <summary>
/// The caller's organisation, or an organisation that matches nothing when there is no signed-in caller: fail-closed
/// everywhere in the API, including work outside a request (start-up migration uses its own unrestricted context).
/// </summary>
internal sealed class HttpTenantContext(IHttpContextAccessor accessor) : ITenantContext
{
    public Guid? OrganizationId =>
        accessor.HttpContext is { User.Identity.IsAuthenticated: true } http
        && Guid.TryParse(http.User.FindFirstValue(PlatformClaims.Organization), out var org)
            ? org
            : Guid.Empty;
}
