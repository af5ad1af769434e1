using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoachingPlatform.Core.Jobs;

/// <summary>Runs one job type: deserialises the payload and calls the registered <see cref="IJobHandler{TPayload}"/>.</summary>
public interface IJobExecutor
{
    Task ExecuteAsync(string payload, JobContext context, CancellationToken cancellationToken);
}

internal sealed class JobExecutor<TPayload>(IJobHandler<TPayload> handler) : IJobExecutor where TPayload : IJobPayload
{
    public Task ExecuteAsync(string payload, JobContext context, CancellationToken cancellationToken)
    {
        TPayload? value;
        try
        {
            value = JsonSerializer.Deserialize<TPayload>(payload, JobSerialization.Options);
        }
        catch (JsonException ex)
        {
            throw new PermanentJobFailureException($"The payload of job type {TPayload.JobType} could not be read.", ex);
        }

        return value is null
            ? throw new PermanentJobFailureException($"The payload of job type {TPayload.JobType} is empty.")
            : handler.HandleAsync(value, context, cancellationToken);
    }
}

/// <summary>The job types this process can run; a worker only claims these.</summary>
public sealed class JobTypeRegistry
{
    private readonly ConcurrentDictionary<string, Type> _handlers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Types => _handlers.Keys.Order(StringComparer.Ordinal).ToArray();

    internal void Register(string jobType, Type handlerType)
    {
        var existing = _handlers.GetOrAdd(jobType, handlerType);
        if (existing != handlerType)
        {
            throw new InvalidOperationException(
                $"Job type '{jobType}' is already handled by {existing.Name}; it cannot also be handled by {handlerType.Name}.");
        }
    }
}

public static class JobServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="THandler"/> for <typeparamref name="TPayload"/>'s job type. Registering the same
    /// pair again is a no-op; registering a different handler for a type already taken throws.
    /// </summary>
    public static IServiceCollection AddJobHandler<TPayload, THandler>(this IServiceCollection services)
        where TPayload : IJobPayload
        where THandler : class, IJobHandler<TPayload>
    {
        var registry = GetOrAddRegistry(services);
        registry.Register(TPayload.JobType, typeof(THandler));
        services.TryAddScoped<IJobHandler<TPayload>, THandler>();
        services.TryAddKeyedScoped<IJobExecutor>(
            TPayload.JobType, (sp, _) => new JobExecutor<TPayload>(sp.GetRequiredService<IJobHandler<TPayload>>()));
        return services;
    }

    private static JobTypeRegistry GetOrAddRegistry(IServiceCollection services)
    {
        var descriptor = services.FirstOrDefault(d => d.ServiceType == typeof(JobTypeRegistry) && d.ImplementationInstance is not null);
        if (descriptor?.ImplementationInstance is JobTypeRegistry existing)
        {
            return existing;
        }

        var registry = new JobTypeRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}
