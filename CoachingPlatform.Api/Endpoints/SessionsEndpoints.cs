using System.Globalization;
using System.Text.RegularExpressions;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Transcripts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>Transcript upload and the sessions it creates.</summary>
public static partial class SessionsEndpoints
{
    /// <summary>Form and header overhead allowed on top of the transcript size limit.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static RouteGroupBuilder MapSessionsEndpoints(this RouteGroupBuilder api, IConfiguration configuration)
    {
        var group = api.MapGroup("/sessions").WithTags("Sessions");
        var maxUpload = configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>()?.MaxUploadBytes
                        ?? new IngestionOptions().MaxUploadBytes;
        group.MapPost("/", Upload)
            .DisableAntiforgery() // bearer tokens, no cookies: no cross-site form posts to defend against
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + FormOverheadBytes))
            .WithSummary("Upload a session transcript")
            .WithDescription("""
                multipart/form-data: `transcript` (plain `Name: text`, Zoom .vtt, .srt, Otter export, .docx or JSON turns; the format is detected from the content),
                `sessionDate` (yyyy-MM-dd, not in the future), `sessionType` (`group`, `individual` or an organisation's methodology key),
                optional `title`, `coachSpeaker` (your label in the transcript when it differs from your name) and `participants` (comma-separated expected attendees).
                Send an `Idempotency-Key` header to make retries safe: the same key and file return the first session. Answers 202; follow
                `GET /sessions/{id}/status` or the SignalR event `SessionStatusChanged`.
                """);
        group.MapGet("/", List).WithSummary("List sessions").WithDescription("Your sessions (a lead: the team's; an admin: the organisation's), newest first. Filters: from, to (dates), type, status, clientId, tag.");
        group.MapGet("/{id:guid}", Get).WithSummary("Session detail").WithDescription("With participants in review order (priorityRank 1 first).");
        group.MapGet("/{id:guid}/status", GetStatus).WithSummary("Pipeline state and progress");
        group.MapGet("/{id:guid}/summaries", GetSummaries).WithSummary("Per-client summaries").WithDescription("In review order; each item carries the transcript turns (evidence) it came from. Each read is recorded in the audit log.");
        group.MapGet("/{id:guid}/transcript", GetTranscript).WithSummary("Parsed transcript turns").WithDescription("Each read is recorded in the audit log.");
        group.MapDelete("/{id:guid}", Delete).WithSummary("Delete a session").WithDescription("Removes the session, its stored transcript and everything derived from it.");
        group.MapPost("/{id:guid}/reprocess", Reprocess).WithSummary("Run the pipeline again").WithDescription("From the stored original; for a NeedsAttention session, only the participants whose analysis failed. 409 while it is still being processed.");
        return api;
    }

    private static async Task<Results<Accepted<SessionAcceptedResponse>, ProblemHttpResult>> Upload(
        IFormFile? transcript,
        [FromForm] string? sessionDate,
        [FromForm] string? sessionType,
        [FromForm] string? title,
        [FromForm] string? coachSpeaker,
        [FromForm] string? participants,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        SessionService sessions,
        IOptions<IngestionOptions> options,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (transcript is null)
        {
            return Invalid("The form has no `transcript` file.");
        }

        if (transcript.Length > options.Value.MaxUploadBytes)
        {
            return Problems.Create(413, ErrorCodes.PayloadTooLarge, "Transcript too large",
                $"The transcript is {transcript.Length:N0} bytes; the limit is {options.Value.MaxUploadBytes:N0}.");
        }

        if (!DateOnly.TryParseExact(sessionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Invalid("sessionDate must be a date in the form yyyy-MM-dd.");
        }

        if (sessionType is null || !SessionTypePattern().IsMatch(sessionType))
        {
            return Invalid("sessionType must be `group`, `individual` or a methodology key (lowercase letters, digits and hyphens, up to 64).");
        }

        if (title?.Length > 300 || coachSpeaker?.Length > 100 || idempotencyKey?.Length > 200)
        {
            return Invalid("title (300), coachSpeaker (100) or Idempotency-Key (200) is longer than allowed.");
        }

        var hints = (participants ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (hints.Length > 100 || hints.Any(h => h.Length > 100))
        {
            return Invalid("participants may list at most 100 names of up to 100 characters.");
        }

        byte[] content;
        using (var buffer = new MemoryStream((int)transcript.Length))
        {
            await transcript.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var result = await sessions.UploadAsync(
            new SessionUpload(transcript.FileName, content, date, sessionType, title, coachSpeaker, hints, idempotencyKey), cancellationToken);
        switch (result.Outcome)
        {
            case UploadOutcome.Accepted:
            case UploadOutcome.Replayed:
                if (result.Outcome == UploadOutcome.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Accepted($"/api/v1/sessions/{result.Session!.Id}/status",
                    new SessionAcceptedResponse(result.Session.Id, result.Session.Status));
            case UploadOutcome.IdempotencyConflict:
                return Problems.Create(409, ErrorCodes.IdempotencyKeyReused, "Idempotency-Key reused", result.Message);
            default:
                return result.Error is { } error ? TranscriptProblem(error, result.Message) : Problems.Create(400, ErrorCodes.SessionDateInFuture, "Invalid session date", result.Message);
        }
    }

    private static async Task<Ok<PagedResponse<SessionListItem>>> List(
        [AsParameters] PageQuery paging, DateOnly? from, DateOnly? to, string? type, SessionStatus? status, Guid? clientId, string? tag,
        SessionService sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok(PagedResponse.From(
            await sessions.ListAsync(new SessionFilter(from, to, type, status, clientId, tag), paging.PageNumber, paging.Size, cancellationToken),
            SessionListItem.From));

    private static async Task<Results<Ok<SessionDetailResponse>, ProblemHttpResult>> Get(Guid id, SessionService sessions, CancellationToken cancellationToken) =>
        await sessions.GetDetailAsync(id, cancellationToken) is { } session
            ? TypedResults.Ok(SessionDetailResponse.From(session))
            : Problems.NotFound("session");

    private static async Task<Results<Ok<SessionStatusResponse>, ProblemHttpResult>> GetStatus(Guid id, SessionService sessions, CancellationToken cancellationToken) =>
        await sessions.FindAsync(id, cancellationToken) is { } session
            ? TypedResults.Ok(SessionStatusResponse.From(session))
            : Problems.NotFound("session");

    private static async Task<Results<Ok<PagedResponse<SummaryResponse>>, ProblemHttpResult>> GetSummaries(
        Guid id, [AsParameters] PageQuery paging, SessionService sessions, CancellationToken cancellationToken)
    {
        if (await sessions.GetSummariesAsync(id, cancellationToken) is not { } participants)
        {
            return Problems.NotFound("session");
        }

        // A session has at most a few dozen participants: paged in memory, in review order.
        var items = participants.Skip((paging.PageNumber - 1) * paging.Size).Take(paging.Size).Select(p => SummaryResponse.From(p, p.Summary!)).ToList();
        return TypedResults.Ok(new PagedResponse<SummaryResponse>(items, paging.PageNumber, paging.Size, participants.Count));
    }

    private static async Task<Results<Ok<TranscriptResponse>, ProblemHttpResult>> GetTranscript(Guid id, SessionService sessions, CancellationToken cancellationToken)
    {
        var transcript = await sessions.GetTranscriptAsync(id, cancellationToken);
        if (transcript is null)
        {
            return Problems.NotFound("session");
        }

        var turns = transcript.Parsed.Turns.Select(t => new TranscriptTurnResponse(
            t.Index, t.Speaker,
            transcript.ClientBySpeaker.TryGetValue(t.Speaker, out var client) && client != Guid.Empty ? client : null,
            t.Start, t.End, t.Text)).ToList();
        return TypedResults.Ok(new TranscriptResponse(transcript.Session.Id, transcript.Parsed.Format, turns));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, SessionService sessions, CancellationToken cancellationToken) =>
        await sessions.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("session");

    private static async Task<Results<Accepted<SessionAcceptedResponse>, ProblemHttpResult>> Reprocess(Guid id, SessionService sessions, CancellationToken cancellationToken) =>
        await sessions.ReprocessAsync(id, cancellationToken) switch
        {
            null => Problems.NotFound("session"),
            { Outcome: ReprocessOutcome.Busy } => Problems.Create(409, ErrorCodes.SessionBusy, "Session is being processed", "Wait until it is ReadyForReview, NeedsAttention or Failed."),
            { Outcome: ReprocessOutcome.Reviewed } => Problems.Create(409, ErrorCodes.SessionReviewed, "Session has reviewed work",
                "A summary was edited or approved, or a follow-up was scheduled or sent; reprocessing would discard that work."),
            { Session: var session } => TypedResults.Accepted($"/api/v1/sessions/{id}/status", new SessionAcceptedResponse(id, session.Status)),
        };

    private static ProblemHttpResult Invalid(string detail) => Problems.Create(400, ErrorCodes.ValidationFailed, "Invalid upload", detail);

    private static ProblemHttpResult TranscriptProblem(TranscriptError error, string? detail) => error switch
    {
        TranscriptError.Empty => Problems.Create(400, ErrorCodes.TranscriptEmpty, "Empty transcript", detail),
        TranscriptError.Binary => Problems.Create(415, ErrorCodes.TranscriptBinary, "Not a transcript", detail),
        TranscriptError.UnknownFormat => Problems.Create(415, ErrorCodes.TranscriptUnknownFormat, "Unknown transcript format", detail),
        TranscriptError.InvalidEncoding => Problems.Create(400, ErrorCodes.TranscriptEncoding, "Unreadable text encoding", detail),
        TranscriptError.InvalidDocument => Problems.Create(400, ErrorCodes.TranscriptInvalidDocument, "Invalid document", detail),
        TranscriptError.TooLarge => Problems.Create(400, ErrorCodes.TranscriptOverLimit, "Transcript over a limit", detail),
        _ => Problems.Create(400, ErrorCodes.TranscriptMalformed, "Malformed transcript", detail),
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionTypePattern();
}
