using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Core.Protection;

/// <summary>
/// Encrypts personal data at rest with ASP.NET Core Data Protection (authenticated AES-256-CBC + HMAC-SHA256 under
/// keys that rotate every 90 days; the key ring lives in PostgreSQL so every replica of the API and the worker can
/// decrypt what any other wrote). Unprotect throws <see cref="CryptographicException"/> for a tampered value, a
/// value of another kind or subject, or one whose key is gone.
/// </summary>
public sealed class PersonalDataProtector
{
    private readonly IDataProtector _email;
    private readonly IDataProtector _transcript;
    private readonly byte[] _lookupKey;

    public PersonalDataProtector(IDataProtectionProvider provider, IOptions<ProtectionOptions> options)
    {
        // Purpose strings are part of the key derivation: never rename one, or what it protected becomes unreadable.
        _email = provider.CreateProtector("CoachingPlatform.Clients.Email.v1");
        _transcript = provider.CreateProtector("CoachingPlatform.Sessions.Transcript.v1");
        _lookupKey = Encoding.UTF8.GetBytes(options.Value.LookupKey);
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> as <paramref name="kind"/>. With <paramref name="subjectId"/> the ciphertext
    /// is bound to that record: it decrypts only with the same id, so a value copied onto another row is rejected.
    /// </summary>
    /// <returns>Base64url text, safe for a text column.</returns>
    public string Protect(PersonalDataKind kind, string plaintext, Guid? subjectId = null) =>
        Protector(kind, subjectId).Protect(plaintext);

    /// <summary>Decrypts what <see cref="Protect(PersonalDataKind, string, Guid?)"/> wrote with the same kind and subject.</summary>
    public string Unprotect(PersonalDataKind kind, string ciphertext, Guid? subjectId = null) =>
        Protector(kind, subjectId).Unprotect(ciphertext);

    /// <summary>Encrypts bytes as <paramref name="kind"/>, optionally bound to <paramref name="subjectId"/>.</summary>
    public byte[] Protect(PersonalDataKind kind, byte[] plaintext, Guid? subjectId = null) =>
        Protector(kind, subjectId).Protect(plaintext);

    /// <summary>Decrypts what <see cref="Protect(PersonalDataKind, byte[], Guid?)"/> wrote with the same kind and subject.</summary>
    public byte[] Unprotect(PersonalDataKind kind, byte[] ciphertext, Guid? subjectId = null) =>
        Protector(kind, subjectId).Unprotect(ciphertext);

    /// <summary>The value of <c>clients.encrypted_email</c>: the address encrypted and bound to the client's id.</summary>
    public string ProtectEmail(Guid clientId, string email) => Protect(PersonalDataKind.ClientEmail, email, clientId);

    /// <summary>Reads <c>clients.encrypted_email</c> of the client <paramref name="clientId"/>.</summary>
    public string UnprotectEmail(Guid clientId, string encryptedEmail) => Unprotect(PersonalDataKind.ClientEmail, encryptedEmail, clientId);

    /// <summary>The value of <c>sessions.transcript_ciphertext</c> for an uploaded transcript file.</summary>
    public byte[] ProtectTranscript(byte[] transcript) => Protect(PersonalDataKind.Transcript, transcript);

    /// <summary>The original transcript file from <c>sessions.transcript_ciphertext</c>.</summary>
    public byte[] UnprotectTranscript(byte[] ciphertext) => Unprotect(PersonalDataKind.Transcript, ciphertext);

    /// <summary>
    /// The value of <c>clients.email_hash</c>: HMAC-SHA256 under the configured lookup key of the organisation and the
    /// normalised address, as lowercase hex. Deterministic, so an address can be found by equality without decrypting
    /// every row; keyed, so the column cannot be reversed by hashing a list of addresses; salted by the organisation,
    /// so equal addresses in two tenants do not link.
    /// </summary>
    public string HashEmail(Guid organizationId, string email)
    {
        var input = Encoding.UTF8.GetBytes($"{organizationId:N}\n{NormalizeEmail(email)}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, input));
    }

    /// <summary>How addresses are compared: trimmed and case-insensitive (lower invariant).</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private IDataProtector Protector(PersonalDataKind kind, Guid? subjectId)
    {
        var protector = kind switch
        {
            PersonalDataKind.ClientEmail => _email,
            PersonalDataKind.Transcript => _transcript,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of personal data."),
        };
        return subjectId is { } id ? protector.CreateProtector(id.ToString("N")) : protector;
    }
}
