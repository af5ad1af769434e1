using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoachingPlatform.Api.Infrastructure;

/// <summary>The audit actor of a request: the signed-in coach, their address and user agent.</summary>
internal sealed class HttpAuditActor(IHttpContextAccessor accessor, ICurrentUser user) : IAuditActor
{
    public Guid? CoachId => user.IsAuthenticated ? user.CoachId : null;

    public string? IpAddress => user.RemoteAddress;

    public string? UserAgent => accessor.HttpContext?.Request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null;
}

internal static class AuditActorExtensions
{
    /// <summary>Audit events written during a request name the calling coach and where the request came from.</summary>
    public static IServiceCollection AddHttpAuditActor(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Scoped<IAuditActor, HttpAuditActor>());
        return services;
    }
}
