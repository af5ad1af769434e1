using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CoachingPlatform.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The connection string name the AppHost provides for the platform database.</summary>
    public const string ConnectionName = "coachingdb";

    /// <summary>
    /// Registers <see cref="CoachingDbContext"/> (pooled, Npgsql, snake_case names) with Aspire's telemetry and
    /// health check, the job queue, personal-data protection and the audit log, and the startup migrator that applies
    /// migrations once across replicas.
    /// </summary>
    public static IHostApplicationBuilder AddCoachingData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} is not set. Start the platform through the AppHost (./run.sh) or set it.");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<TimestampInterceptor>();
        builder.Services.TryAddSingleton<JobNotifyInterceptor>();
        // Not pooled: each context takes the scope's ITenantContext (the caller's organisation) for its query filter.
        builder.Services.TryAddScoped<ScopedTenantContext>();
        builder.Services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<ScopedTenantContext>());
        builder.Services.AddDbContext<CoachingDbContext>((sp, options) =>
            ConfigureDbContext(options, connectionString)
                .AddInterceptors(sp.GetRequiredService<TimestampInterceptor>(), sp.GetRequiredService<JobNotifyInterceptor>()));

        // Retries stay off: the pipeline uses explicit transactions (data + job in one commit), which a retrying
        // execution strategy would reject; transient faults are retried at the job level instead.
        builder.EnrichNpgsqlDbContext<CoachingDbContext>(settings => settings.DisableRetry = true);

        builder.Services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddScoped<JobQueue>();
        builder.Services.AddJobHandler<SelfTestJob, SelfTestJobHandler>();

        // Encryption at rest (key ring in this database), log redaction and the audit log: every host handles personal data.
        builder.AddPersonalDataProtection();
        builder.Services.AddAuditLog();

        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }

    /// <summary>The one place the provider is configured; tests and design-time tools use it too.</summary>
    public static DbContextOptionsBuilder ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
