using System.Diagnostics;
using System.Globalization;
using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Notifications;
using CoachingPlatform.Core.Participants;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Core.Transcripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Core.Sessions;

/// <summary>
/// Ingest stage of the pipeline: parse the stored original, resolve speakers (the coach excluded), match them to the
/// organisation's clients (creating the new ones), and store each client's participation. Idempotent: a rerun
/// replaces the session's participation rows in one transaction, and clients created by an earlier attempt are
/// matched by name instead of created again.
/// </summary>
internal sealed partial class IngestSessionHandler(
    CoachingDbContext db,
    PersonalDataProtector protector,
    IPlatformEventPublisher events,
    JobQueue jobs,
    IAuditLog audit,
    TimeProvider time,
    IOptions<IngestionOptions> options,
    ILogger<IngestSessionHandler> logger) : IJobHandler<IngestSessionJob>
{
    internal static readonly ActivitySource Source = new("CoachingPlatform.Pipeline");

    public async Task HandleAsync(IngestSessionJob payload, JobContext context, CancellationToken cancellationToken)
    {
        try
        {
            await IngestAsync(payload, cancellationToken);
        }
        catch (Exception ex) when (context.IsLastAttempt && ex is not OperationCanceledException)
        {
            // Out of retries: say so on the session (reprocess can start it again) rather than leave it "Parsing".
            await SessionProgress.GiveUpAsync(db, events, time, payload.SessionId, SessionStatus.Failed, "Processing failed after several attempts. Reprocess to try again.", cancellationToken);
            throw;
        }
    }

    private async Task IngestAsync(IngestSessionJob payload, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("ingest session");
        activity?.SetTag("session.id", payload.SessionId);
        var session = await db.Sessions.Include(s => s.Coach).FirstOrDefaultAsync(s => s.Id == payload.SessionId, cancellationToken);
        if (session is null || session.DeletedAt is not null)
        {
            LogSessionGone(logger, payload.SessionId);
            return; // deleted after upload: nothing left to do
        }

        await SessionProgress.SetAsync(db, events, time, session, SessionStatus.Parsing, 10, null, cancellationToken);

        ParsedTranscript parsed;
        using (Source.StartActivity("parse transcript"))
        {
            try
            {
                var limits = TranscriptLimits.Default with { MaxSpeakers = options.Value.MaxSpeakers, MaxLineLength = options.Value.MaxLineLength };
                parsed = TranscriptParser.Parse(protector.UnprotectTranscript(session.TranscriptCiphertext), session.TranscriptFileName, limits);
            }
            catch (TranscriptFormatException ex)
            {
                // The upload was validated with the same parser, so this means limits changed since: record, don't retry.
                await SessionProgress.SetAsync(db, events, time, session, SessionStatus.Failed, 0, $"The transcript could not be read: {ex.Error}.", cancellationToken);
                return;
            }
        }

        using var resolveActivity = Source.StartActivity("resolve participants");
        var resolved = SpeakerResolver.Resolve(parsed.Turns, new ResolveOptions(session.Coach.Name, session.CoachSpeaker, session.ParticipantHints));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two sessions of one organisation ingested at once must not both create "Maria Lopez": matching and creating
        // clients is serialised per organisation for the rest of this transaction.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({OrganizationLockKey(session.OrganizationId)})", cancellationToken);
        var known = await db.Clients.AsNoTracking().Where(c => c.ErasedAt == null)
            .Select(c => new KnownClient(c.Id, c.Name, c.Aliases)).ToListAsync(cancellationToken);
        // Matching sees every speaker (so a hinted name that is the coach is skipped); hinted attendees who never
        // spoke come back as silent participants and get zero statistics.
        var matches = ClientMatcher.Match(resolved.Speakers, known, session.ParticipantHints);
        // Someone erased earlier keeps their turns' places in the transcript, but is nobody's client any more.
        var participants = matches.Participants.Where(m => m.Speaker.IsSilent || !m.Speaker.Labels.All(TranscriptRedactor.IsErasedLabel)).ToList();
        var stats = ParticipationCalculator.Compute(parsed.Turns, resolved, matches.SilentSpeakers);

        await db.ClientSessions.Where(p => p.SessionId == session.Id).ExecuteDeleteAsync(cancellationToken);

        var speakerMap = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var label in resolved.Coach?.Labels ?? [])
        {
            speakerMap[label] = Guid.Empty;
        }

        var clientShareFair = participants.Count == 0 ? 0 : 1.0 / participants.Count;
        var clientsTotal = stats.Clients.Sum(s => s.SpeakingSeconds);
        foreach (var match in participants)
        {
            var client = await ClientForAsync(session.OrganizationId, match, cancellationToken);
            var speakerStats = stats.For(match.Speaker);
            foreach (var label in match.Speaker.Labels)
            {
                speakerMap[label] = client.Id;
            }

            db.ClientSessions.Add(new ClientSession
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                OrganizationId = session.OrganizationId,
                SessionId = session.Id,
                ClientId = client.Id,
                SpeakerLabel = Truncate(match.Speaker.DisplayName, 200),
                SpeakingSeconds = speakerStats?.SpeakingSeconds ?? 0,
                SpeakingShare = speakerStats?.SpeakingShare ?? 0,
                TurnCount = speakerStats?.TurnCount ?? 0,
                QuestionCount = speakerStats?.QuestionCount ?? 0,
                WordCount = speakerStats?.WordCount ?? 0,
                EngagementLevel = Engagement(speakerStats, clientsTotal, clientShareFair),
            });
        }

        session.DurationSeconds = (int)Math.Round(stats.DurationSeconds, MidpointRounding.AwayFromZero);
        session.ParticipantCount = participants.Count;
        session.TranscriptFormat = parsed.Format.ToString();
        session.Metadata = SpeakerMap.Write(session.Metadata, speakerMap, new Dictionary<string, string>
        {
            ["coachInference"] = resolved.CoachInference.ToString(),
            ["timing"] = stats.Timing.ToString(),
            ["turns"] = parsed.Turns.Count.ToString(CultureInfo.InvariantCulture),
        });
        session.Status = SessionStatus.Parsed;
        session.Progress = 30;
        session.StatusReason = null;
        // The next stage commits with this one: a crash here never leaves a parsed session that nobody analyses.
        jobs.Enqueue(new Analysis.AnalyseSessionJob(session.Id), session.OrganizationId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        resolveActivity?.SetTag("session.participants", session.ParticipantCount);
        LogIngested(logger, session.Id, session.ParticipantCount, parsed.Turns.Count);
        await events.PublishAsync(PlatformEvent.ForSessionStatus(session, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The matched client, or a new one; labels the client was not known by are learned as aliases.</summary>
    private async Task<Client> ClientForAsync(Guid organizationId, ParticipantMatch match, CancellationToken cancellationToken)
    {
        var labels = match.Speaker.Labels.Concat(match.Speaker.Aliases).Distinct(StringComparer.Ordinal).ToList();
        if (match.ClientId is { } id && await db.Clients.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } existing)
        {
            foreach (var label in labels.Where(l => l != existing.Name && !existing.Aliases.Contains(l)).Take(20))
            {
                existing.Aliases.Add(Truncate(label, 200));
            }

            return existing;
        }

        var name = Truncate(match.Name, 200);
        var client = new Client
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganizationId = organizationId,
            Name = name,
            NormalizedName = ClientNames.Normalize(name),
            Aliases = [.. labels.Where(l => l != name).Select(l => Truncate(l, 200)).Take(20)],
        };
        db.Clients.Add(client);
        audit.Add(organizationId, AuditActions.Create, AuditEntityTypes.Client, client.Id);
        return client;
    }

    /// <summary>
    /// The engagement level, from participation: silent without a turn; otherwise by the client's share of the
    /// clients' speaking time against an equal share (turns and questions are reported, not weighed, today).
    /// </summary>
    internal static EngagementLevel Engagement(ParticipantStats? stats, double clientsTotalSeconds, double fairShare)
    {
        if (stats is null || stats.TurnCount == 0 || clientsTotalSeconds <= 0)
        {
            return EngagementLevel.Silent;
        }

        var relative = stats.SpeakingSeconds / clientsTotalSeconds / fairShare;
        return relative switch
        {
            >= 1.2 => EngagementLevel.High,
            >= 0.5 => EngagementLevel.Medium,
            _ => EngagementLevel.Low,
        };
    }


    /// <summary>The advisory lock key of an organisation's client list (stable across processes).</summary>
    internal static long OrganizationLockKey(Guid organizationId) => BitConverter.ToInt64(organizationId.ToByteArray(), 0) ^ 0x636C69656E7473;

    private static string Truncate(string value, int length) => value.Length > length ? value[..length] : value;

    [LoggerMessage(1, LogLevel.Information, "Session {SessionId} ingested: {Participants} participant(s), {Turns} turn(s)")]
    private static partial void LogIngested(ILogger logger, Guid sessionId, int participants, int turns);

    [LoggerMessage(2, LogLevel.Information, "Session {SessionId} no longer exists; ingestion skipped")]
    private static partial void LogSessionGone(ILogger logger, Guid sessionId);
}
