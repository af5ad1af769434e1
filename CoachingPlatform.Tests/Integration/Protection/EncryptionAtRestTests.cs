using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Tests.Infrastructure;
using CoachingPlatform.Tests.Integration.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CoachingPlatform.Tests.Integration.Protection;

public sealed class EncryptionAtRestTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;

    public EncryptionAtRestTests(ApiFactory api) => _api = api;

    [Fact]
    public async Task EncryptedColumns_ReadWithRawSql_HoldNoPlaintextYetTheApiReturnsTheEmail()
    {
        var seeded = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Nora Vance {ClientSeed.Token()}");
        var email = $"nora.{ClientSeed.Token()}@clinic.example";
        var admin = await _api.ClientForAsync(_api.A.AdminEmail);

        var patch = await admin.PatchAsJsonAsync($"/api/v1/clients/{seeded.ClientId}", new { email });
        patch.EnsureSuccessStatusCode();

        var storedEmail = (string)(await ScalarAsync("SELECT encrypted_email FROM clients WHERE id = @id", seeded.ClientId))!;
        var storedHash = (string)(await ScalarAsync("SELECT email_hash FROM clients WHERE id = @id", seeded.ClientId))!;
        var storedTranscript = (byte[])(await ScalarAsync("SELECT transcript_ciphertext FROM sessions WHERE id = @id", seeded.SessionId))!;

        AssertHoldsNoPlaintext(Encoding.UTF8.GetBytes(storedEmail), email);
        AssertHoldsNoPlaintext(DecodeBase64Url(storedEmail), email);
        Assert.DoesNotContain(email.Split('@')[0], storedHash, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[0-9a-f]{64}$", storedHash);
        AssertHoldsNoPlaintext(storedTranscript, seeded.TranscriptText);
        AssertHoldsNoPlaintext(storedTranscript, seeded.Name);

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{seeded.ClientId}");
        Assert.Equal(email, read.GetProperty("email").GetString());
    }

    [Fact]
    public async Task KeyRing_AnotherReplicaOnTheSameDatabase_DecryptsWhatThisOneWrote()
    {
        var email = $"omar.{ClientSeed.Token()}@clinic.example";
        var seeded = await ClientSeed.ClientWithSessionAsync(_api, _api.A.OrganizationId, _api.A.CoachId, $"Omar Reyes {ClientSeed.Token()}", email: email);
        await using var db = _api.CreateDbContext();
        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == seeded.ClientId);
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == seeded.SessionId);
        var keys = await db.DataProtectionKeys.CountAsync();
        Assert.True(keys >= 1, "the key ring is stored in the database");

        // Another process: its own container, the same registration code as the real hosts, only the database in common.
        using var replica = BuildReplica(_api.Database.ConnectionString, ApiFactory.LookupKey);
        var protector = replica.Services.GetRequiredService<PersonalDataProtector>();

        Assert.NotSame(_api.Services.GetRequiredService<PersonalDataProtector>(), protector);
        Assert.Equal(email, protector.UnprotectEmail(client.Id, client.EncryptedEmail!));
        Assert.Equal(seeded.TranscriptText, Encoding.UTF8.GetString(protector.UnprotectTranscript(session.TranscriptCiphertext)));
        Assert.Equal(client.EmailHash, protector.HashEmail(client.OrganizationId, email.ToUpperInvariant()));

        // And the other way round: what the replica writes, this instance reads; no second key was minted.
        var fromReplica = protector.ProtectTranscript(Encoding.UTF8.GetBytes("written by the replica"));
        Assert.Equal("written by the replica", Encoding.UTF8.GetString(_api.Services.GetRequiredService<PersonalDataProtector>().UnprotectTranscript(fromReplica)));
        Assert.Equal(keys, await db.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public void Protector_CiphertextMovedToAnotherClientOrKind_IsRejected()
    {
        var protector = _api.Services.GetRequiredService<PersonalDataProtector>();
        var owner = Guid.NewGuid();
        var protectedEmail = protector.ProtectEmail(owner, "someone@clinic.example");

        Assert.Equal("someone@clinic.example", protector.UnprotectEmail(owner, protectedEmail));
        // Copied onto another client's row, the value does not decrypt.
        Assert.ThrowsAny<CryptographicException>(() => protector.UnprotectEmail(Guid.NewGuid(), protectedEmail));
        // Purposes are separate: a transcript ciphertext is not an email, nor the reverse.
        var transcript = protector.ProtectTranscript(Encoding.UTF8.GetBytes("Coach: hi"));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(PersonalDataKind.ClientEmail, transcript, owner));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(PersonalDataKind.Transcript, Encoding.UTF8.GetBytes(protectedEmail)));
        // The same plaintext encrypts differently every time (random IV), so equal emails do not show as equal ciphertexts.
        Assert.NotEqual(protectedEmail, protector.ProtectEmail(owner, "someone@clinic.example"));
    }

    [Fact]
    public void EmailHash_IsKeyedCaseInsensitiveAndPerOrganisation()
    {
        var protector = _api.Services.GetRequiredService<PersonalDataProtector>();
        var org = Guid.NewGuid();

        Assert.Equal(protector.HashEmail(org, "Pat@Clinic.example"), protector.HashEmail(org, " pat@clinic.EXAMPLE "));
        Assert.NotEqual(protector.HashEmail(org, "pat@clinic.example"), protector.HashEmail(Guid.NewGuid(), "pat@clinic.example"));
        // Not a plain hash of the address: without the key it cannot be recomputed from a list of addresses.
        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{org:N}\npat@clinic.example")));
        Assert.NotEqual(plain, protector.HashEmail(org, "pat@clinic.example"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public void Startup_MissingOrShortLookupKey_FailsValidation(string? lookupKey)
    {
        using var host = BuildReplica(_api.Database.ConnectionString, lookupKey);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ProtectionOptions>>().Value);
        Assert.Contains("LookupKey", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildReplica(string connectionString, string? lookupKey)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionName}"] = connectionString,
            ["Protection:LookupKey"] = lookupKey,
        });
        builder.AddCoachingData();
        return builder.Build();
    }

    /// <summary>Reads a column as the database holds it, bypassing EF Core and the app.</summary>
    private async Task<object?> ScalarAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(_api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync();
    }

    private static void AssertHoldsNoPlaintext(byte[] stored, string plaintext)
    {
        Assert.NotEmpty(stored);
        var needle = Encoding.UTF8.GetBytes(plaintext);
        Assert.True(stored.AsSpan().IndexOf(needle) < 0, "the stored bytes contain the plaintext");
        Assert.DoesNotContain(plaintext, Encoding.UTF8.GetString(stored), StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] DecodeBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
    }
}
