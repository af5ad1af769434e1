using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CoachingPlatform.Tests.Infrastructure;

/// <summary>
/// Gives in-memory test requests the client address Kestrel would report for a local caller (127.0.0.1); TestServer
/// leaves it null, so address-based behaviour (audit events' <c>ip_address</c>) could not be checked. An address set
/// by the forwarded-headers middleware (which runs before this) is kept.
/// </summary>
internal sealed class LoopbackRemoteAddress : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}
