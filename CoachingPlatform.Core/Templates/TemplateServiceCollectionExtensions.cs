using CoachingPlatform.Core.FollowUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoachingPlatform.Core.Templates;

public static class TemplateServiceCollectionExtensions
{
    /// <summary>
    /// What both hosts need to pick templates and draft follow-ups: <see cref="TemplateResolver"/> and
    /// <see cref="FollowUpDrafter"/>. The API also registers <see cref="TemplateService"/> (it acts for the signed-in coach).
    /// </summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.TryAddScoped<TemplateResolver>();
        services.TryAddScoped<FollowUpDrafter>();
        return services;
    }
}
