using System.Net.Http.Headers;
using System.Net.Http.Json;
using CoachingPlatform.Api;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CoachingPlatform.Tests.Infrastructure;

/// <summary>
/// The real API in-process (WebApplicationFactory) on its own fresh PostgreSQL database and the shared test Redis,
/// with a <see cref="FakeTimeProvider"/> (starting at the real current time) driving tokens, lockout and timestamps.
/// <see cref="SeedAsync"/> creates two organisations with a coach, a lead and an admin each.
/// </summary>
public class ApiFactory : WebApplicationFactory<ApiAssemblyMarker>, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public const string SigningKey = "test-signing-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789";
    public const string LookupKey = "test-lookup-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789";

    private string _redis = "";

    public TestDatabase Database { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    /// <summary>Every log line the app wrote, for tests that check what reaches logs.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Org A: coach, lead (the coach's lead), admin. Org B: the same. Filled by <see cref="SeedAsync"/>.</summary>
    public SeededOrg A { get; private set; } = null!;

    public SeededOrg B { get; private set; } = null!;

    /// <summary>Extra settings (key, value) a derived fixture applies, e.g. a low rate limit.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public async Task InitializeAsync()
    {
        Database = await LocalPostgresServer.CreateDatabaseAsync();
        _redis = await LocalRedisServer.ConnectionStringAsync();
        await SeedAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        TestHostSettings.Apply(builder, Database.ConnectionString, _redis, Time, Logs, Settings);

    /// <summary>A client signed in as <paramref name="email"/> (bearer token set).</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return client;
    }

    /// <summary>A context on the test database that sees every organisation.</summary>
    public CoachingDbContext CreateDbContext() => Database.CreateContext(Time);

    private async Task SeedAsync()
    {
        await using var db = CreateDbContext();
        A = SeededOrg.Add(db, "a");
        B = SeededOrg.Add(db, "b");
        await db.SaveChangesAsync();
    }

    public sealed record TokenBody(string AccessToken, string RefreshToken, int ExpiresIn);
}

/// <summary>One seeded organisation: ids and emails of its coach, lead and admin.</summary>
public sealed record SeededOrg(Guid OrganizationId, Guid CoachId, string CoachEmail, Guid LeadId, string LeadEmail, Guid AdminId, string AdminEmail)
{
    private static readonly PasswordHasher<Coach> Hasher = new();
    private static readonly Lazy<string> Hash = new(() => Hasher.HashPassword(null!, ApiFactory.Password));

    public static SeededOrg Add(CoachingDbContext db, string key)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var org = new Organization { Id = Guid.CreateVersion7(), Name = $"Org {key.ToUpperInvariant()}", Slug = $"org-{key}-{suffix}" };
        Coach Make(string role, CoachRole r, Guid? lead) => new()
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            Email = $"{role}.{key}.{suffix}@example.test",
            Name = $"{role} {key}",
            Role = r,
            LeadId = lead,
            PasswordHash = Hash.Value,
        };
        var lead = Make("lead", CoachRole.CoachLead, null);
        var coach = Make("coach", CoachRole.Coach, lead.Id);
        var admin = Make("admin", CoachRole.Admin, null);
        db.Organizations.Add(org);
        db.Coaches.AddRange(lead, coach, admin);
        return new SeededOrg(org.Id, coach.Id, coach.Email, lead.Id, lead.Email, admin.Id, admin.Email);
    }
}

/// <summary>Keeps every formatted log message (with its category) in memory.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{category}: {formatter(state, exception)} {state} {exception}";
            lock (owner._lines)
            {
                owner._lines.Add(line);
            }
        }
    }
}
