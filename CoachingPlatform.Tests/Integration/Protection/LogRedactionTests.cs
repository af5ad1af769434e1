using System.Net;
using System.Net.Http.Json;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Tests.Infrastructure;
using CoachingPlatform.Tests.Integration.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Tests.Integration.Protection;

/// <summary>
/// The API with every category at Trace: the shipped appsettings keep ASP.NET Core and EF Core at Warning, which
/// would hide exactly the framework lines (request URLs, SQL, key-ring reads) that must be proven clean.
/// </summary>
public sealed class TraceLoggingApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Logging:LogLevel:Default", "Trace"),
        new("Logging:LogLevel:Microsoft", "Trace"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace"),
    ];
}

public sealed partial class LogRedactionTests : IClassFixture<TraceLoggingApiFactory>
{
    private readonly TraceLoggingApiFactory _api;

    public LogRedactionTests(TraceLoggingApiFactory api) => _api = api;

    [Fact]
    public async Task FullClientRequestCycle_LogsAtTraceLevel_CarryNoEmailNameAliasOrTranscript()
    {
        var token = ClientSeed.Token();
        var seeded = await ClientSeed.ClientWithSessionAsync(
            _api, _api.A.OrganizationId, _api.A.CoachId, $"Quinta Marlowe{token}", email: $"quinta.{token}@clinic.example");
        var newName = $"Quinta Marlowe-Okafor{token}";
        var newEmail = $"q.okafor.{token}@health.example";
        var newAlias = $"Q-Dog{token}";
        var admin = await _api.ClientForAsync(_api.A.AdminEmail);
        var coach = await _api.ClientForAsync(_api.A.CoachEmail);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync(
            $"/api/v1/clients/{seeded.ClientId}", new { name = newName, email = newEmail, aliases = new[] { newAlias } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/api/v1/clients/{seeded.ClientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/api/v1/clients?search={Uri.EscapeDataString(newName)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/api/v1/clients/{seeded.ClientId}/timeline")).StatusCode);
        // Bad input echoes nothing into logs either.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PatchAsJsonAsync(
            $"/api/v1/clients/{seeded.ClientId}", new { email = $"not an address {newEmail}" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/clients/{seeded.ClientId}")).StatusCode);

        var lines = _api.Logs.Lines;
        // The capture works and saw this cycle at Trace level: our own lines, EF Core's SQL and ASP.NET Core's routing...
        Assert.Contains(lines, l => l.Contains(seeded.ClientId.ToString(), StringComparison.OrdinalIgnoreCase) && l.Contains("erased", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && l.Contains("DELETE FROM clients", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal) && l.Contains("/clients/{id:guid}", StringComparison.Ordinal));
        // ...and no personal value reached any line, at any level, from any component (EF Core, ASP.NET Core, ours).
        string[] personal =
        [
            seeded.Name, seeded.Email!, seeded.Alias, newName, newEmail, newAlias, token, seeded.TranscriptText.Trim(),
            "insomnia", Uri.EscapeDataString(newName),
        ];
        foreach (var value in personal)
        {
            Assert.DoesNotContain(lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void PrivateDataLogParameter_IsErasedBeforeAnySinkSeesIt()
    {
        var logger = _api.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CoachingPlatform.Tests.Redaction");
        var marker = Guid.NewGuid();

        LogMatched(logger, marker, $"Maria Private {marker:N}");

        var line = Assert.Single(_api.Logs.Lines, l => l.Contains(marker.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain("Maria Private", line, StringComparison.Ordinal);
        Assert.DoesNotContain(marker.ToString("N"), line, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyRing_LoadedOrCreated_NoKeyMaterialReachesTheLogs()
    {
        var protector = _api.Services.GetRequiredService<PersonalDataProtector>();
        _ = protector.ProtectTranscript([1, 2, 3]);

        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains("<masterKey", StringComparison.OrdinalIgnoreCase)
            || l.Contains("<value>", StringComparison.OrdinalIgnoreCase));
    }

    // How a log line that could carry personal data is written: the parameter is classified, so redaction erases it.
    [LoggerMessage(1, LogLevel.Information, "Speaker {SessionId} matched as {Name}")]
    private static partial void LogMatched(ILogger logger, Guid sessionId, [PrivateData] string name);
}
