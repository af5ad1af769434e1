using System.Security.Cryptography;
using System.Text;
using CoachingPlatform.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoachingPlatform.Core.Identity;

/// <summary>An access token, its lifetime in seconds and the rotating refresh token that renews it.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn);

public enum AuthOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Throttled,
}

/// <summary>The result of a login or refresh: tokens on success, otherwise why not (and when to retry).</summary>
public sealed record AuthResult(AuthOutcome Outcome, TokenPair? Tokens = null, TimeSpan? RetryAfter = null)
{
    public static readonly AuthResult Invalid = new(AuthOutcome.InvalidCredentials);
}

/// <summary>Limits login attempts per client address and per account (implemented over Redis by the API).</summary>
public interface ILoginThrottle
{
    /// <summary>Counts an attempt; returns how long to wait when the address or the account is over its limit.</summary>
    ValueTask<TimeSpan?> RegisterAttemptAsync(string? remoteAddress, string email, CancellationToken cancellationToken);
}

/// <summary>
/// Login, refresh and logout. Sign-in looks coaches up across organisations (the caller is not authenticated
/// yet), so these are the only queries that bypass the tenant filter, always by exact email or token hash.
/// </summary>
public sealed partial class AuthService(
    CoachingDbContext db,
    IPasswordHasher<Coach> hasher,
    ILoginThrottle throttle,
    TimeProvider time,
    IOptions<AuthOptions> options,
    ILogger<AuthService> logger)
{
    // Verified against when the email is unknown, so both paths cost one slow hash (no account enumeration by timing).
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Coach>().HashPassword(null!, "not-a-real-password-0"));

    private readonly AuthOptions _options = options.Value;

    public async Task<AuthResult> LoginAsync(string email, string password, string? remoteAddress, CancellationToken cancellationToken)
    {
        var normalizedEmail = email.Trim();
        if (await throttle.RegisterAttemptAsync(remoteAddress, normalizedEmail.ToUpperInvariant(), cancellationToken) is { } wait)
        {
            LogThrottled(logger);
            return new AuthResult(AuthOutcome.Throttled, RetryAfter: wait);
        }

        var now = time.GetUtcNow();
        var coach = await db.Coaches.IgnoreQueryFilters()
            .FirstOrDefaultAsync(c => c.Email == normalizedEmail && c.DeactivatedAt == null, cancellationToken);
        if (coach is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return AuthResult.Invalid;
        }

        if (coach.LockoutEndsAt > now)
        {
            LogLockedOutAttempt(logger, coach.Id);
            return new AuthResult(AuthOutcome.LockedOut, RetryAfter: coach.LockoutEndsAt.Value - now);
        }

        var verdict = coach.PasswordHash is null
            ? PasswordVerificationResult.Failed
            : hasher.VerifyHashedPassword(coach, coach.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(coach.Id, now, cancellationToken);
            return AuthResult.Invalid;
        }

        coach.FailedLoginCount = 0;
        coach.LockoutEndsAt = null;
        coach.LastLoginAt = now;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            coach.PasswordHash = hasher.HashPassword(coach, password);
        }

        var tokens = IssueTokens(coach, familyId: Guid.CreateVersion7(now), remoteAddress, now, out _);
        await db.SaveChangesAsync(cancellationToken);
        LogLoggedIn(logger, coach.Id);
        return new AuthResult(AuthOutcome.Succeeded, tokens);
    }

    public async Task<AuthResult> RefreshAsync(string refreshToken, string? remoteAddress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = Hash(refreshToken);
        var current = await db.RefreshTokens.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (current is null)
        {
            return AuthResult.Invalid;
        }

        if (current.RevokedAt is not null)
        {
            // A rotated (or revoked) token came back: someone holds a copy. End every session of the family.
            await RevokeFamilyAsync(current.FamilyId, "reuse-detected", now, cancellationToken);
            LogReuseDetected(logger, current.CoachId, current.FamilyId);
            return AuthResult.Invalid;
        }

        if (current.ExpiresAt <= now)
        {
            return AuthResult.Invalid;
        }

        var coach = await db.Coaches.IgnoreQueryFilters()
            .FirstOrDefaultAsync(c => c.Id == current.CoachId && c.DeactivatedAt == null, cancellationToken);
        if (coach is null)
        {
            await RevokeFamilyAsync(current.FamilyId, "coach-inactive", now, cancellationToken);
            return AuthResult.Invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tokens = IssueTokens(coach, current.FamilyId, remoteAddress, now, out var successorId);
        // Only one of two concurrent refreshes with the same token may rotate it; the loser is treated as reuse.
        var rotated = await db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.Id == current.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.RevokedAt, now)
                .SetProperty(t => t.RevokedReason, "rotated")
                .SetProperty(t => t.ReplacedById, successorId)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (rotated == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await RevokeFamilyAsync(current.FamilyId, "reuse-detected", now, cancellationToken);
            LogReuseDetected(logger, current.CoachId, current.FamilyId);
            return AuthResult.Invalid;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuthResult(AuthOutcome.Succeeded, tokens);
    }

    /// <summary>Ends the session the refresh token belongs to (its whole family). Unknown tokens are ignored.</summary>
    public async Task LogoutAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var familyId = await db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.TokenHash == hash)
            .Select(t => (Guid?)t.FamilyId)
            .FirstOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(family, "logout", time.GetUtcNow(), cancellationToken);
        }
    }

    private TokenPair IssueTokens(Coach coach, Guid familyId, string? remoteAddress, DateTimeOffset now, out Guid refreshTokenId)
    {
        var refreshValue = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        refreshTokenId = Guid.CreateVersion7(now);
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = refreshTokenId,
            OrganizationId = coach.OrganizationId,
            CoachId = coach.Id,
            FamilyId = familyId,
            TokenHash = Hash(refreshValue),
            ExpiresAt = now + _options.RefreshTokenLifetime,
            CreatedByIp = remoteAddress,
        });
        return new TokenPair(CreateAccessToken(coach, now), refreshValue, (int)_options.AccessTokenLifetime.TotalSeconds);
    }

    private string CreateAccessToken(Coach coach, DateTimeOffset now)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.AccessTokenLifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [PlatformClaims.Subject] = coach.Id.ToString(),
                [PlatformClaims.Organization] = coach.OrganizationId.ToString(),
                [PlatformClaims.Role] = coach.Role.ToString(),
                [PlatformClaims.Name] = coach.Name,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(SigningKey(_options), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>The symmetric key access tokens are signed and validated with.</summary>
    public static SymmetricSecurityKey SigningKey(AuthOptions options) => new(Encoding.UTF8.GetBytes(options.SigningKey));

    private async Task RecordFailureAsync(Guid coachId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = _options.MaxFailedLogins;
        DateTimeOffset? until = now + _options.LockoutDuration;
        // One atomic statement: concurrent failures cannot lose a count. SET expressions read the old row.
        await db.Coaches.IgnoreQueryFilters().Where(c => c.Id == coachId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.LockoutEndsAt, c => c.FailedLoginCount + 1 >= max ? until : c.LockoutEndsAt)
            .SetProperty(c => c.FailedLoginCount, c => c.FailedLoginCount + 1 >= max ? 0 : c.FailedLoginCount + 1), cancellationToken);
        LogFailedLogin(logger, coachId);
    }

    private async Task RevokeFamilyAsync(Guid familyId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.RefreshTokens.IgnoreQueryFilters()
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.RevokedAt, now)
                .SetProperty(t => t.RevokedReason, reason)
                .SetProperty(t => t.UpdatedAt, now), cancellationToken);

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [LoggerMessage(1, LogLevel.Information, "Coach {CoachId} logged in")]
    private static partial void LogLoggedIn(ILogger logger, Guid coachId);

    [LoggerMessage(2, LogLevel.Warning, "Failed login for coach {CoachId}")]
    private static partial void LogFailedLogin(ILogger logger, Guid coachId);

    [LoggerMessage(3, LogLevel.Warning, "Login attempt for locked-out coach {CoachId}")]
    private static partial void LogLockedOutAttempt(ILogger logger, Guid coachId);

    [LoggerMessage(4, LogLevel.Warning, "Refresh token reuse for coach {CoachId}: token family {FamilyId} revoked")]
    private static partial void LogReuseDetected(ILogger logger, Guid coachId, Guid familyId);

    [LoggerMessage(5, LogLevel.Warning, "Login throttled")]
    private static partial void LogThrottled(ILogger logger);
}
