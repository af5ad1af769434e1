using System.Net.Http.Json;
using Aspire.Hosting;
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

    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "coachingplatform-tests", $"apphost-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CoachingPlatform_AppHost>(
            ["--Infra", "local", "--Infra:DataDir", _dataRoot, "--environment", "Development"], cts.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("worker", cts.Token);
        Api = App.CreateHttpClient("api");
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
