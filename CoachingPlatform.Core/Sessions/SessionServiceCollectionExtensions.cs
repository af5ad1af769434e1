using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CoachingPlatform.Core.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>
    /// What both hosts need for ingestion: upload limits, the ingest job handler and platform events over Redis.
    /// The API also registers <see cref="SessionService"/> (it acts for the signed-in coach).
    /// </summary>
    public static IHostApplicationBuilder AddSessionIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<RedisEventStream>();
        builder.Services.TryAddSingleton<IPlatformEventPublisher>(sp => sp.GetRequiredService<RedisEventStream>());
        builder.Services.AddJobHandler<IngestSessionJob, IngestSessionHandler>();
        return builder;
    }
}
