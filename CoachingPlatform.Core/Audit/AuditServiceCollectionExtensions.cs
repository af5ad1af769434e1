using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoachingPlatform.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IAuditLog"/> and <see cref="AuditTrail"/>. The actor defaults to the system; the API replaces
    /// <see cref="IAuditActor"/> with the calling coach and their address.
    /// </summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditActor, SystemAuditActor>();
        services.TryAddScoped<IAuditLog, AuditLog>();
        services.TryAddScoped<AuditTrail>();
        return services;
    }
}
