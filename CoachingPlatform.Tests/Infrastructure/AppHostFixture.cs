using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Tests.Infrastructure;

/// <summary>
/// The whole platform (api, worker, PostgreSQL, Redis) started once by the real AppHost in Infra=local mode,
/// with a fresh data folder so runs never share state. Every wait has a timeout so a wrong setup fails fast.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _dataRoot = Path.Combine(TestRunFolder.Current, $"apphost-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CoachingPlatform_AppHost>(
            ["--Infra", "local", "--Infra:DataDir", _dataRoot, "--environment", "Development"], cts.Token);
        // Resource output is kept by CollectLogs for failure reports; the console gets warnings only.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("CoachingPlatform.AppHost.Resources", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        App = await builder.BuildAsync(cts.Token);
        var logs = CollectLogs(App, ["api", "worker"], cts.Token);
        await App.StartAsync(cts.Token);
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token);
            await App.ResourceNotifications.WaitForResourceHealthyAsync("worker", cts.Token);
        }
        catch (Exception ex) when (ex is DistributedApplicationException or OperationCanceledException)
        {
            // Say why: the resource's own output is the only place the cause is written.
            var tail = string.Join('\n', logs.Reverse().Take(60).Reverse());
            throw new InvalidOperationException($"The platform did not become healthy: {ex.Message}\nLast resource log lines:\n{tail}", ex);
        }

        Api = App.CreateHttpClient("api");
    }

    private static System.Collections.Concurrent.ConcurrentQueue<string> CollectLogs(DistributedApplication app, string[] resources, CancellationToken cancellationToken)
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var service = app.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in resources)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in service.WatchAsync(resource).WithCancellation(cancellationToken))
                    {
                        foreach (var line in batch)
                        {
                            lines.Enqueue($"[{resource}] {line.Content}");
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Start-up finished or timed out.
                }
            }, CancellationToken.None);
        }

        return lines;
    }

    /// <summary>A client of the api signed in as a Development-seed account (password Coach123!).</summary>
    public async Task<HttpClient> ClientForSeededAsync(string email, CancellationToken cancellationToken)
    {
        var client = App.CreateHttpClient("api");
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Coach123!" }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<ApiFactory.TokenBody>(cancellationToken);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (App is not null)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await App.StopAsync(cts.Token);
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {_dataRoot}: {ex.Message}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
