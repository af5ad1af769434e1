using System.Security.Cryptography;
using System.Text.Json;
using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Notifications;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Core.Transcripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CoachingPlatform.Core.Sessions;

/// <summary>An upload as the API received it (the form already checked for shape and size).</summary>
public sealed record SessionUpload(
    string FileName, byte[] Content, DateOnly SessionDate, string SessionType, string? Title,
    string? CoachSpeaker, IReadOnlyList<string> Participants, string? IdempotencyKey);

public enum UploadOutcome
{
    Accepted,
    /// <summary>The same Idempotency-Key and content again: the first session is returned, nothing new is created.</summary>
    Replayed,
    Invalid,
    /// <summary>The Idempotency-Key was used before for different content.</summary>
    IdempotencyConflict,
}

public enum ReprocessOutcome
{
    Accepted,
    /// <summary>A pipeline job for the session is pending or running.</summary>
    Busy,
    /// <summary>A coach has edited or approved a summary, or a follow-up left Draft: re-ingesting would discard it.</summary>
    Reviewed,
}

public sealed record UploadResult(UploadOutcome Outcome, Session? Session = null, TranscriptError? Error = null, string? Message = null);

/// <summary>Filters of the sessions list.</summary>
public sealed record SessionFilter(DateOnly? From, DateOnly? To, string? Type, SessionStatus? Status, Guid? ClientId, string? Tag);

/// <summary>A session's turns, with the client (or the coach) each speaker label resolved to.</summary>
public sealed record SessionTranscript(Session Session, ParsedTranscript Parsed, IReadOnlyDictionary<string, Guid> ClientBySpeaker);

/// <summary>
/// Sessions: upload (validated, stored encrypted, ingestion enqueued in the same transaction), reads scoped to
/// the sessions the caller may see (own; a lead's team; an admin's organisation), delete and reprocess.
/// </summary>
public sealed class SessionService(
    CoachingDbContext db,
    ICurrentUser user,
    CoachService coaches,
    JobQueue jobs,
    PersonalDataProtector protector,
    IAuditLog audit,
    IPlatformEventPublisher events,
    TimeProvider time,
    IOptions<IngestionOptions> options)
{
    private const string MetadataHashKey = "sha256";

    public TranscriptLimits Limits => TranscriptLimits.Default with
    {
        MaxSpeakers = options.Value.MaxSpeakers,
        MaxLineLength = options.Value.MaxLineLength,
    };

    /// <summary>Sessions the caller may see (not deleted).</summary>
    public IQueryable<Session> Visible()
    {
        var team = coaches.Visible().Select(c => c.Id);
        return db.Sessions.Where(s => s.DeletedAt == null && team.Contains(s.CoachId));
    }

    public async Task<UploadResult> UploadAsync(SessionUpload upload, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(upload.Content));
        if (upload.IdempotencyKey is { } key && await FindByIdempotencyKeyAsync(key, cancellationToken) is { } existing)
        {
            return Replay(existing, hash);
        }

        if (upload.SessionDate > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
        {
            return new UploadResult(UploadOutcome.Invalid, Message: "sessionDate is in the future.");
        }

        ParsedTranscript parsed;
        try
        {
            // Parsed here to refuse bad input before anything is stored; the worker parses the stored original.
            parsed = TranscriptParser.Parse(new MemoryStream(upload.Content, writable: false), upload.FileName, Limits);
        }
        catch (TranscriptFormatException ex)
        {
            return new UploadResult(UploadOutcome.Invalid, Error: ex.Error, Message: ex.Message);
        }

        var now = time.GetUtcNow();
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = user.OrganizationId,
            CoachId = user.CoachId,
            Title = string.IsNullOrWhiteSpace(upload.Title) ? Path.GetFileNameWithoutExtension(upload.FileName) : upload.Title.Trim(),
            SessionDate = upload.SessionDate,
            SessionType = upload.SessionType,
            Status = SessionStatus.Uploaded,
            CoachSpeaker = string.IsNullOrWhiteSpace(upload.CoachSpeaker) ? null : upload.CoachSpeaker.Trim(),
            ParticipantHints = [.. upload.Participants],
            TranscriptFileName = Path.GetFileName(upload.FileName),
            TranscriptFormat = parsed.Format.ToString(),
            TranscriptCiphertext = protector.ProtectTranscript(upload.Content),
            TranscriptSizeBytes = upload.Content.LongLength,
            IdempotencyKey = upload.IdempotencyKey,
            Metadata = JsonSerializer.Serialize(new Dictionary<string, string> { [MetadataHashKey] = hash }),
        };
        db.Sessions.Add(session);
        jobs.Enqueue(new IngestSessionJob(session.Id), session.OrganizationId);
        audit.Add(session.OrganizationId, AuditActions.Create, AuditEntityTypes.Session, session.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (upload.IdempotencyKey is { } retryKey
            && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent retry with the same key won the race: answer with its session.
            db.ChangeTracker.Clear();
            return await FindByIdempotencyKeyAsync(retryKey, cancellationToken) is { } winner
                ? Replay(winner, hash)
                : throw new InvalidOperationException("The idempotency key conflicted but no session holds it.", ex);
        }

        await events.PublishAsync(PlatformEvent.ForSessionStatus(session, now), cancellationToken);
        return new UploadResult(UploadOutcome.Accepted, session);
    }

    public Task<Session?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Visible().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The session with its participants (client names and engagement: an audited read).</summary>
    public async Task<Session?> GetDetailAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await Visible().AsNoTracking()
            .Include(s => s.Coach)
            .Include(s => s.Participants).ThenInclude(p => p.Client)
            .Include(s => s.Participants).ThenInclude(p => p.Summary)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is not null)
        {
            await audit.RecordReadAsync(session.OrganizationId, AuditEntityTypes.Session, [session.Id], null, cancellationToken);
        }

        return session;
    }

    public async Task<Page<Session>> ListAsync(SessionFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Visible().AsNoTracking();
        if (filter.From is { } from)
        {
            query = query.Where(s => s.SessionDate >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(s => s.SessionDate <= to);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(s => s.SessionType == type);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (filter.ClientId is { } clientId)
        {
            query = query.Where(s => s.Participants.Any(p => p.ClientId == clientId));
        }

        if (filter.Tag is { } tag)
        {
            query = query.Where(s => s.Tags.Any(t => t.Tag.Path == tag || t.Tag.Name == tag));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.Include(s => s.Coach)
            .OrderByDescending(s => s.SessionDate).ThenByDescending(s => s.CreatedAt)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<Session>(items, page, pageSize, total);
    }

    /// <summary>The session's summaries in review order (an audited read of each), or null when the caller may not see it.</summary>
    public async Task<IReadOnlyList<ClientSession>?> GetSummariesAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await Visible().AsNoTracking()
            .Include(s => s.Participants).ThenInclude(p => p.Client)
            .Include(s => s.Participants).ThenInclude(p => p.Summary)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var withSummaries = session.Participants.Where(p => p.Summary is not null)
            .OrderBy(p => p.PriorityRank == 0 ? int.MaxValue : p.PriorityRank).ThenBy(p => p.Client.Name, StringComparer.Ordinal).ToList();
        await audit.RecordReadAsync(session.OrganizationId, AuditEntityTypes.Summary, [.. withSummaries.Select(p => p.Summary!.Id)], null, cancellationToken);
        return withSummaries;
    }

    /// <summary>The parsed turns of a session the caller may see; the read is audited before anything is returned.</summary>
    public async Task<SessionTranscript?> GetTranscriptAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await Visible().AsNoTracking().Include(s => s.Participants).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return null;
        }

        await audit.RecordReadAsync(session.OrganizationId, AuditEntityTypes.Transcript, [session.Id], null, cancellationToken);
        // Stored transcripts passed the upload limits in force then; lowering them later must not make them unreadable.
        var parsed = TranscriptParser.Parse(protector.UnprotectTranscript(session.TranscriptCiphertext), session.TranscriptFileName, TranscriptRedactor.StoredLimits);
        var speakers = SpeakerMap.Read(session.Metadata);
        return new SessionTranscript(session, parsed, speakers);
    }

    /// <summary>Deletes the session and everything derived from it (participation, summaries, follow-ups); audited.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await Visible().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return false;
        }

        db.Sessions.Remove(session);
        audit.Add(session.OrganizationId, AuditActions.Delete, AuditEntityTypes.Session, session.Id);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Runs the pipeline again: from the stored original, or for a <c>NeedsAttention</c> session only the analyses that
    /// failed. Null when not found; the session with <c>false</c> when it is still running.
    /// </summary>
    public async Task<(Session Session, ReprocessOutcome Outcome)?> ReprocessAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await Visible().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return null;
        }

        // Busy while a pipeline job for it is pending or running. A session left mid-way by a worker that died on its
        // last attempt has no such job, so reprocess can recover it.
        if (session.Status is SessionStatus.Uploaded or SessionStatus.Parsing or SessionStatus.Parsed or SessionStatus.Analysing
            && await HasActiveJobAsync(session.Id, cancellationToken))
        {
            return (session, ReprocessOutcome.Busy);
        }

        // Re-ingesting replaces every participant's summary and draft: never once a coach has worked on them.
        if (session.Status != SessionStatus.NeedsAttention && await HasReviewedWorkAsync(session.Id, cancellationToken))
        {
            return (session, ReprocessOutcome.Reviewed);
        }

        audit.Add(session.OrganizationId, AuditActions.Update, AuditEntityTypes.Session, session.Id);
        if (session.Status == SessionStatus.NeedsAttention)
        {
            // Some participants could not be analysed: analyse just those again, keeping everything else. The status
            // moves on at once, so a second click answers 409 instead of starting a second analysis.
            session.Status = SessionStatus.Analysing;
            session.StatusReason = null;
            jobs.Enqueue(new Analysis.AnalyseSessionJob(session.Id), session.OrganizationId);
        }
        else
        {
            session.Status = SessionStatus.Uploaded;
            session.Progress = 0;
            session.StatusReason = null;
            jobs.Enqueue(new IngestSessionJob(session.Id), session.OrganizationId);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (session, ReprocessOutcome.Busy); // the worker changed it meanwhile
        }

        await events.PublishAsync(PlatformEvent.ForSessionStatus(session, time.GetUtcNow()), cancellationToken);
        return (session, ReprocessOutcome.Accepted);
    }

    private async Task<bool> HasActiveJobAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var id = sessionId.ToString();
        return await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM jobs WHERE status IN ('Pending', 'Running') AND payload->>'sessionId' = {id}) AS "Value"
            """).SingleAsync(cancellationToken);
    }

    private Task<bool> HasReviewedWorkAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.Summaries.AnyAsync(s => s.ClientSession.SessionId == sessionId
            && (s.ApprovedAt != null || s.CoachContent != null
                || db.FollowUps.Any(f => f.SummaryId == s.Id && f.Status != FollowUps.FollowUpStatus.Draft)), cancellationToken);

    private Task<Session?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Sessions.AsNoTracking().FirstOrDefaultAsync(
            s => s.CoachId == user.CoachId && s.IdempotencyKey == key, cancellationToken);

    private static UploadResult Replay(Session existing, string hash) =>
        SpeakerMap.ReadString(existing.Metadata, MetadataHashKey) == hash
            ? new UploadResult(UploadOutcome.Replayed, existing)
            : new UploadResult(UploadOutcome.IdempotencyConflict, existing, Message: "This Idempotency-Key was already used for a different transcript.");
}
