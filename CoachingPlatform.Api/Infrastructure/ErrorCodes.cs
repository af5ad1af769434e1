namespace CoachingPlatform.Api.Infrastructure;

/// <summary>
/// The <c>code</c> extension of every problem+json response. Stable: clients switch on these, so never
/// renumber one. The catalogue with meanings is in docs/errors.md.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "COACH_100";
    public const string MalformedRequest = "COACH_101";
    public const string Unauthenticated = "COACH_401";
    public const string Forbidden = "COACH_403";
    public const string NotFound = "COACH_404";
    public const string MethodNotAllowed = "COACH_405";
    public const string Conflict = "COACH_409";
    public const string PreconditionFailed = "COACH_412";
    public const string PayloadTooLarge = "COACH_413";
    public const string UnsupportedMediaType = "COACH_415";
    public const string RateLimited = "COACH_429";
    public const string Internal = "COACH_500";
    public const string Unavailable = "COACH_503";

    // Specific codes: 2xx sign-in and accounts.
    public const string InvalidCredentials = "COACH_201";
    public const string AccountLocked = "COACH_202";
    public const string EmailTaken = "COACH_203";
    public const string InvalidLead = "COACH_204";

    // 3xx transcript uploads.
    public const string TranscriptEmpty = "COACH_301";
    public const string TranscriptBinary = "COACH_302";
    public const string TranscriptUnknownFormat = "COACH_303";
    public const string TranscriptEncoding = "COACH_304";
    public const string TranscriptInvalidDocument = "COACH_305";
    public const string TranscriptOverLimit = "COACH_306";
    public const string TranscriptMalformed = "COACH_307";
    public const string SessionDateInFuture = "COACH_308";
    public const string IdempotencyKeyReused = "COACH_309";
    public const string SessionBusy = "COACH_310";
    public const string SessionReviewed = "COACH_311";

    // 51x templates (ForStatus never yields these: it maps every 5xx status to COACH_500/503).
    public const string TemplateUnknownVariable = "COACH_511";
    public const string TemplateMissingVariable = "COACH_512";
    public const string TemplateSyntax = "COACH_513";
    public const string TemplateOutputTooLarge = "COACH_514";

    /// <summary>The generic code for a status when an endpoint did not name a more specific one.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        412 => PreconditionFailed,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => Unavailable,
        _ => status >= 500 ? Internal : $"COACH_{status}",
    };
}
