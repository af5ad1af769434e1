using CoachingPlatform.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Core.Protection;

public static class ProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Encryption at rest and log redaction, for every host (called by <see cref="DataServiceCollectionExtensions.AddCoachingData"/>):
    /// Data Protection with the key ring in PostgreSQL under a fixed application name, <see cref="PersonalDataProtector"/>,
    /// the validated <see cref="ProtectionOptions"/>, and redaction of <see cref="PrivateDataAttribute"/> log parameters.
    /// </summary>
    public static IHostApplicationBuilder AddPersonalDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPersonalDataProtection();

        // Erase (not mask or hash) classified values: a hash of a name or an address is still linkable personal data.
        builder.Services.AddRedaction(redaction => redaction
            .SetRedactor<ErasingRedactor>(new DataClassificationSet(DataTaxonomy.PrivateData))
            .SetFallbackRedactor<ErasingRedactor>());
        builder.Logging.EnableRedaction();

        // The request start/finish lines carry the full URL, query string included, and query strings hold search terms
        // (client names). Requests are traced by OpenTelemetry instead, whose ASP.NET Core instrumentation redacts query values.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // At Debug the EF Core key repository logs every key's XML, i.e. the master keys themselves.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Information);
        return builder;
    }

    /// <summary>The services alone (no logging set-up): Data Protection on the shared key ring and <see cref="PersonalDataProtector"/>.</summary>
    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services)
    {
        services.AddOptions<ProtectionOptions>()
            .BindConfiguration(ProtectionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDataProtection()
            .SetApplicationName(ProtectionOptions.ApplicationName)
            .PersistKeysToDbContext<CoachingDbContext>();
        services.TryAddSingleton<PersonalDataProtector>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDatabaseSeeder, KeyRingSeeder>());
        return services;
    }
}
