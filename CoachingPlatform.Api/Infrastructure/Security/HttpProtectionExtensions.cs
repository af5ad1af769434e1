using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace CoachingPlatform.Api.Infrastructure.Security;

/// <summary>Browser-facing protection: security headers, HSTS and CORS. The settings are described in docs/security.md.</summary>
internal static class HttpProtectionExtensions
{
    /// <summary>What a browser may send to the API; SignalR's client adds the last two on negotiate.</summary>
    public static readonly string[] AllowedHeaders =
        ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Requested-With", "X-SignalR-User-Agent"];

    /// <summary>Response headers a browser script may read (all others are hidden from cross-origin callers).</summary>
    public static readonly string[] ExposedHeaders =
        ["Retry-After", "ETag", "Location", "X-RateLimit-Limit", "X-RateLimit-Remaining"];

    public static WebApplicationBuilder AddPlatformHttpProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformCorsOptions>()
            .BindConfiguration(PlatformCorsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>()
            .Configure<IOptions<PlatformCorsOptions>>((cors, platform) => cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. platform.Value.NormalizedOrigins])
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
                .WithHeaders(AllowedHeaders)
                .WithExposedHeaders(ExposedHeaders)
                // Bearer tokens, not cookies: browsers must not send ambient credentials, so none are allowed.
                .DisallowCredentials()
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // Scalar's default fonts come from its CDN; without them every asset of /scalar is served by this API, which
        // keeps that page's CSP to 'self'.
        builder.Services.Configure<ScalarOptions>(options => options.DefaultFonts = false);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    /// <summary>Security headers on every response, and HSTS outside Development. Place it first in the pipeline.</summary>
    public static WebApplication UsePlatformSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            // HSTS only on HTTPS requests; behind a TLS-terminating proxy that needs forwarded headers (docs/security.md).
            app.UseHsts();
        }

        return app;
    }
}
