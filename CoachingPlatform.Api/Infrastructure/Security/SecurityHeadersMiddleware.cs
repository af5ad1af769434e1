using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CoachingPlatform.Api.Infrastructure.Security;

/// <summary>
/// Security headers on every response. They are written when the response starts, so responses produced later
/// by the exception handler or the status-code pages (which clear headers) carry them too.
/// </summary>
internal sealed partial class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The API serves JSON only: nothing may load, run, frame it or be submitted from it.</summary>
    public const string ApiContentSecurityPolicy =
        "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), fullscreen=(), geolocation=(), gyroscope=(), "
        + "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), "
        + "usb=(), xr-spatial-tracking=()";

    private static readonly PathString ApiPath = "/api";
    private static readonly PathString ScalarPath = "/scalar";

    public async Task InvokeAsync(HttpContext context)
    {
        var state = new ResponseState(context, ApiContentSecurityPolicy);
        context.Response.OnStarting(ApplyHeaders, state);
        if (IsScalarPage(context.Request))
        {
            await ServeScalarPageAsync(context, state);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// The CSP of the Scalar API reference: its scripts come from this server (the package embeds its bundle,
    /// and its CDN fonts are switched off in <see cref="HttpProtectionExtensions"/>); the one
    /// inline bootstrap script is allowed by its hash, not by <c>'unsafe-inline'</c>. Styles need
    /// <c>'unsafe-inline'</c> because the bundle injects its CSS at run time; requests (the OpenAPI document and
    /// "try it") go to this origin only, so no token can be sent through a third-party proxy.
    /// </summary>
    public static string ScalarContentSecurityPolicy(IEnumerable<string> inlineScriptHashes) =>
        "default-src 'none'; "
        + $"script-src 'self'{string.Concat(inlineScriptHashes.Select(h => $" 'sha256-{h}'"))}; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The base64 SHA-256 of every inline script of <paramref name="html"/>, as a browser computes it for CSP.</summary>
    public static IEnumerable<string> InlineScriptHashes(string html) =>
        InlineScript().Matches(html).Select(m =>
        {
            // Browsers normalise line breaks before hashing, so a page built with CRLF still matches.
            var text = m.Groups["body"].Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        });

    // The page itself (/scalar/, /scalar/{document}); its .js/.svg assets need no CSP of their own and are large.
    private static bool IsScalarPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments(ScalarPath, out var rest)
        && !Path.HasExtension(rest.Value);

    private async Task ServeScalarPageAsync(HttpContext context, ResponseState state)
    {
        // The inline script embeds per-request values (the path), so its hash is taken from the page as served.
        // The page is under 1 KB, so buffering it costs nothing.
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        state.ContentSecurityPolicy = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
            ? ScalarContentSecurityPolicy(InlineScriptHashes(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)))
            : ScalarContentSecurityPolicy([]);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static Task ApplyHeaders(object value)
    {
        var state = (ResponseState)value;
        var headers = state.Context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.ContentSecurityPolicy = state.ContentSecurityPolicy;
        if (state.Context.Request.Path.StartsWithSegments(ApiPath))
        {
            // Client and health data: no browser, proxy or CDN may keep a copy. Forced, not defaulted, so an
            // error page or a future endpoint cannot loosen it by accident.
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }

    // An inline script: a <script> element without a src attribute.
    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    private sealed class ResponseState(HttpContext context, string contentSecurityPolicy)
    {
        public HttpContext Context { get; } = context;

        public string ContentSecurityPolicy { get; set; } = contentSecurityPolicy;
    }
}
