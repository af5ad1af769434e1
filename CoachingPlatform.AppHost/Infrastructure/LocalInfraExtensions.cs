using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace CoachingPlatform.AppHost.Infrastructure;

internal static class LocalInfraExtensions
{
    /// <summary>
    /// Adds PostgreSQL as a local process: initialises the cluster under <paramref name="dataRoot"/> on first use,
    /// starts <c>postgres</c> (as the postgres user when we are root), and gates <c>WaitFor</c> on a real query.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataRoot)
    {
        var bin = LocalServers.FindPostgresBinDirectory(builder.Configuration["Infra:PostgresRoot"])
            ?? throw new InvalidOperationException($"Infra=local needs the PostgreSQL server, and none was found. {LocalServers.InstallHint}");
        var layout = LocalServers.EnsurePostgresCluster(bin, dataRoot);
        var password = builder.AddParameter($"{name}-password", layout.Password, secret: true);
        var (command, args) = LocalServers.AsPostgresUser(layout.Postgres, LocalServers.PostgresServerArgs(layout, port: null));

        var resource = new LocalPostgresResource(name, command, dataRoot, password.Resource);
        var healthKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey, _ => new ConnectionStringHealthCheck(resource, PingPostgresAsync), failureStatus: null, tags: null));

        return builder.AddResource(resource)
            .WithArgs(args)
            // DCP picks the port and hands it to the server through PGPORT, which postgres reads.
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", env: "PGPORT")
            .WithHealthCheck(healthKey)
            .ExcludeFromManifest();
    }

    /// <summary>Adds Redis as a local process with a password, persisting its RDB snapshots under <paramref name="dataRoot"/>.</summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, string dataRoot)
    {
        var server = LocalServers.FindRedisServer()
            ?? throw new InvalidOperationException($"Infra=local needs redis-server, and none was found. {LocalServers.InstallHint}");
        var password = builder.AddParameter($"{name}-password", LocalServers.EnsureRedisPassword(dataRoot), secret: true);
        var resource = new LocalRedisResource(name, server, Path.Combine(dataRoot, "redis"), password.Resource);
        var healthKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey, _ => new ConnectionStringHealthCheck(resource, PingRedisAsync), failureStatus: null, tags: null));

        var endpoint = resource.PrimaryEndpoint;
        return builder.AddResource(resource)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--dir");
                context.Args.Add(Path.Combine(dataRoot, "redis"));
                context.Args.Add("--requirepass");
                context.Args.Add(password.Resource);
                context.Args.Add("--save");
                context.Args.Add("60 1");
                context.Args.Add("--daemonize");
                context.Args.Add("no");
            })
            .WithHealthCheck(healthKey)
            .ExcludeFromManifest();
    }

    private static async Task PingPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task PingRedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString + ",connectTimeout=3000,abortConnect=true");
        await connection.GetDatabase().PingAsync();
    }

    /// <summary>Healthy once the resource's connection string resolves and a real round trip succeeds.</summary>
    private sealed class ConnectionStringHealthCheck(
        IResourceWithConnectionString resource, Func<string, CancellationToken, Task> ping) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
                if (string.IsNullOrEmpty(connectionString))
                {
                    return HealthCheckResult.Unhealthy("The connection string is not available yet.");
                }

                await ping(connectionString, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy(ex.Message, ex);
            }
        }
    }
}
