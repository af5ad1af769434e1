using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace CoachingPlatform.AppHost.Infrastructure;

/// <summary>The database and cache every service needs, wherever they come from.</summary>
internal sealed record CoachingInfrastructure(
    InfraMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IReadOnlyList<IResourceBuilder<IResource>> WaitTargets);

internal static class CoachingInfrastructureExtensions
{
    public const string DatabaseName = "coachingdb";
    public const string RedisName = "redis";

    /// <summary>Adds PostgreSQL and Redis according to the <c>Infra</c> setting (see README, "Infra modes").</summary>
    public static CoachingInfrastructure AddCoachingInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var requested = InfraModeResolver.Parse(builder.Configuration[InfraModeResolver.ConfigurationKey]);
        var mode = InfraModeResolver.Resolve(requested, builder.ExecutionContext.IsPublishMode);
        return mode switch
        {
            InfraMode.Containers => AddContainers(builder),
            InfraMode.Local => AddLocal(builder),
            InfraMode.Existing => AddExisting(builder),
            _ => throw new InvalidOperationException($"Unresolved Infra mode {mode}."),
        };
    }

    /// <summary>References the infrastructure and starts the project only once it is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(
        this IResourceBuilder<ProjectResource> project, CoachingInfrastructure infra)
    {
        project.WithReference(infra.Database).WithReference(infra.Redis);
        foreach (var target in infra.WaitTargets)
        {
            project.WaitFor(target);
        }

        return project;
    }

    private static CoachingInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var database = postgres.AddDatabase(DatabaseName);
        var redis = builder.AddRedis(RedisName).WithDataVolume();
        return new(InfraMode.Containers, database, redis, [database, redis]);
    }

    private static CoachingInfrastructure AddLocal(IDistributedApplicationBuilder builder)
    {
        var dataRoot = builder.Configuration["Infra:DataDir"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : LocalServers.DefaultDataRoot(builder.AppHostDirectory);
        if (builder.Configuration.GetValue<bool>("Infra:ResetData") && Directory.Exists(dataRoot))
        {
            Directory.Delete(dataRoot, recursive: true);
        }

        var postgres = builder.AddLocalPostgres("postgres", dataRoot);
        var database = builder.AddConnectionString(
            DatabaseName, ReferenceExpression.Create($"{postgres.Resource.ConnectionStringExpression};Database={DatabaseName}"));
        var redis = builder.AddLocalRedis(RedisName, dataRoot);
        return new(InfraMode.Local, database, redis, [postgres, redis]);
    }

    private static CoachingInfrastructure AddExisting(IDistributedApplicationBuilder builder)
    {
        var database = builder.AddConnectionString(DatabaseName);
        var redis = builder.AddConnectionString(RedisName);
        return new(InfraMode.Existing, database, redis, []);
    }
}
