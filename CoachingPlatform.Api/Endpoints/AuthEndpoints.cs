using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>Sign-in with rotating refresh tokens.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Auth").AllowAnonymous();
        group.MapPost("/login", Login)
            .WithSummary("Sign in")
            .WithDescription("Returns a short-lived access token and a rotating refresh token. Repeated failures lock the account (423); too many attempts from one address or for one account answer 429.");
        group.MapPost("/refresh", Refresh)
            .WithSummary("Exchange a refresh token for a new pair")
            .WithDescription("Each refresh token works once. Presenting one that was already used revokes its whole family (every session that descends from the same login).");
        group.MapPost("/logout", Logout)
            .WithSummary("Revoke a refresh token")
            .WithDescription("Ends the session the refresh token belongs to. Unknown tokens are accepted silently.");
        return api;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, AuthService auth, HttpContext http, CancellationToken cancellationToken) =>
        ToResponse(await auth.LoginAsync(request.Email, request.Password, http.Connection.RemoteIpAddress?.ToString(), cancellationToken), http);

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, AuthService auth, HttpContext http, CancellationToken cancellationToken) =>
        ToResponse(await auth.RefreshAsync(request.RefreshToken, http.Connection.RemoteIpAddress?.ToString(), cancellationToken), http);

    private static async Task<NoContent> Logout(RefreshRequest request, AuthService auth, CancellationToken cancellationToken)
    {
        await auth.LogoutAsync(request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> ToResponse(AuthResult result, HttpContext http)
    {
        if (result.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return result.Outcome switch
        {
            AuthOutcome.Succeeded => TypedResults.Ok(new TokenResponse(result.Tokens!.AccessToken, result.Tokens.RefreshToken, result.Tokens.ExpiresIn)),
            AuthOutcome.LockedOut => Problems.Create(StatusCodes.Status423Locked, ErrorCodes.AccountLocked, "Account locked",
                "Too many failed sign-ins. Try again after the time in Retry-After."),
            AuthOutcome.Throttled => Problems.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many sign-in attempts",
                "Try again after the time in Retry-After."),
            _ => Problems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "Sign-in failed",
                "The email, password or refresh token is not valid."),
        };
    }
}

public sealed record LoginRequest([Required, EmailAddress, MaxLength(320)] string Email, [Required, MaxLength(200)] string Password);

public sealed record RefreshRequest([Required, MaxLength(200)] string RefreshToken);

/// <summary>Tokens for the <c>Authorization: Bearer</c> header; <c>expiresIn</c> is in seconds.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn);
