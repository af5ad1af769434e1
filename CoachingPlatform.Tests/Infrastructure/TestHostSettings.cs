using CoachingPlatform.Api;
using CoachingPlatform.Worker;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Tests.Infrastructure;

/// <summary>How every in-process test host (API or worker) is pointed at the test database and Redis.</summary>
public static class TestHostSettings
{
    public const string SigningKey = ApiFactory.SigningKey;

    public static void Apply(
        IWebHostBuilder builder, string database, string redis, TimeProvider? time, CapturingLoggerProvider? logs,
        IEnumerable<KeyValuePair<string, string?>> settings)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:coachingdb", database);
        builder.UseSetting("ConnectionStrings:redis", redis);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Protection:LookupKey", ApiFactory.LookupKey);
        // Every test request comes from the same address and Redis is shared by the whole run, so address- and
        // account-wide limits are lifted here; tests of those limits set their own through settings.
        builder.UseSetting("RateLimiting:LoginPerAddressPerMinute", "10000");
        builder.UseSetting("RateLimiting:LoginPerAccount", "10000");
        builder.UseSetting("RateLimiting:AnonymousPerAddressPerMinute", "10000");
        builder.UseSetting("RateLimiting:PerCoachPerMinute", "10000");
        // Workers poll fast in tests; a NOTIFY wakes them anyway.
        builder.UseSetting("Jobs:PollInterval", "00:00:00.200");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Test hosts log only to memory: the console stays readable in CI, and tests can still read every line.
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            if (logs is not null)
            {
                logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            }
        });

        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, LoopbackRemoteAddress>());
        if (time is not null)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(time);
            });
        }
    }
}

/// <summary>An in-process API or worker host on a shared test database (for multi-replica tests).</summary>
public sealed class TestHost<TMarker>(string database, string redis, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    : WebApplicationFactory<TMarker> where TMarker : class
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        TestHostSettings.Apply(builder, database, redis, time: null, Logs, settings ?? []);
}

/// <summary>
/// The platform as it runs in production, in-process: two API replicas and one worker sharing one PostgreSQL database
/// and one Redis (job queue, SignalR backplane, event stream), with orgs A and B seeded.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    private string _redis = "";

    public TestDatabase Database { get; private set; } = null!;

    public TestHost<ApiAssemblyMarker> Api1 { get; private set; } = null!;

    public TestHost<ApiAssemblyMarker> Api2 { get; private set; } = null!;

    public TestHost<WorkerAssemblyMarker> Worker { get; private set; } = null!;

    public SeededOrg A { get; private set; } = null!;

    public SeededOrg B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await LocalPostgresServer.CreateDatabaseAsync();
        _redis = await LocalRedisServer.ConnectionStringAsync();
        await using (var db = Database.CreateContext())
        {
            A = SeededOrg.Add(db, "a");
            B = SeededOrg.Add(db, "b");
            await db.SaveChangesAsync();
        }

        var settings = (await SettingsAsync()).ToList();
        Api1 = new TestHost<ApiAssemblyMarker>(Database.ConnectionString, _redis, settings);
        Api2 = new TestHost<ApiAssemblyMarker>(Database.ConnectionString, _redis, settings);
        Worker = new TestHost<WorkerAssemblyMarker>(Database.ConnectionString, _redis, settings);
        _ = Api1.Server; // start them now, so background services (event relay, dispatcher) run from the beginning
        _ = Api2.Server;
        _ = Worker.Server;
    }

    /// <summary>Settings every host of a derived platform gets (e.g. a fake AI provider).</summary>
    protected virtual Task<IEnumerable<KeyValuePair<string, string?>>> SettingsAsync() =>
        Task.FromResult(Enumerable.Empty<KeyValuePair<string, string?>>());

    public virtual async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Api1.DisposeAsync();
        await Api2.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A client of <paramref name="host"/> signed in as <paramref name="email"/>, and its access token.</summary>
    public static async Task<(HttpClient Client, string Token)> SignInAsync(TestHost<ApiAssemblyMarker> host, string email)
    {
        var client = host.CreateClient();
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/auth/login", new { email, password = ApiFactory.Password });
        response.EnsureSuccessStatusCode();
        var tokens = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ApiFactory.TokenBody>(response.Content);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return (client, tokens.AccessToken);
    }
}
