using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Transcripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Core.Clients;

/// <summary>A client as the API shows it; <see cref="Email"/> is decrypted (null when none is stored or not shown).</summary>
public sealed record ClientView(
    Guid Id, string Name, string? Email, IReadOnlyList<string> Aliases, IReadOnlyList<string> Tags, double? EngagementScore, DateTimeOffset CreatedAt);

/// <summary>One session a client took part in.</summary>
public sealed record ClientTimelineEntry(
    Guid SessionId, Guid ClientSessionId, DateOnly SessionDate, string SessionType, string Title,
    EngagementLevel EngagementLevel, double PriorityScore, int PriorityRank, Guid? SummaryId);

/// <summary>
/// A change to a client: null leaves a field as it is. An empty <see cref="Email"/> removes the address; an empty
/// <see cref="Aliases"/> list removes every alias. Values are validated by the caller (the API).
/// </summary>
public sealed record ClientChanges(string? Name = null, string? Email = null, IReadOnlyList<string>? Aliases = null);

public enum ClientChangeOutcome
{
    Done,
    NotFound,
    Forbidden,
}

/// <summary>
/// Clients the caller may see, their timeline, changes and erasure. A coach sees the clients of their own sessions,
/// a lead those of their team's sessions, an admin every client of the organisation; anything else does not exist
/// for the caller. Every read and change is audited (ids only).
/// </summary>
public sealed class ClientService(
    CoachingDbContext db,
    ICurrentUser user,
    CoachService coaches,
    PersonalDataProtector protector,
    IAuditLog audit,
    ILogger<ClientService> logger)
{
    private const int EraseAttempts = 3;

    /// <summary>The clients the caller may see (the tenant filter already confines them to the organisation).</summary>
    public IQueryable<Client> Visible()
    {
        var clients = db.Clients.Where(c => c.ErasedAt == null);
        if (user.Role == CoachRole.Admin)
        {
            return clients;
        }

        var sessionIds = VisibleSessions().Select(s => s.Id);
        return clients.Where(c => c.Sessions.Any(cs => sessionIds.Contains(cs.SessionId)));
    }

    /// <summary>Clients by name (optionally matching <paramref name="search"/> in the name or an alias), without emails.</summary>
    public async Task<Page<ClientView>> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Visible().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + EscapeLike(search.Trim()) + "%";
            query = query.Where(c => EF.Functions.ILike(c.Name, pattern, "\\") || c.Aliases.Any(a => EF.Functions.ILike(a, pattern, "\\")));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(query.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize))
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync(
            user.OrganizationId, AuditEntityTypes.Client, rows.Select(r => r.Id).ToList(), new AuditDetails().Identifier("view", "list"), cancellationToken);

        // Minimum necessary: a list shows who, not how to reach them; the address is in the single-client read.
        return new Page<ClientView>(rows.Select(r => r.ToView(email: null)).ToList(), page, pageSize, total);
    }

    /// <summary>One client with the decrypted email (an audited read), or null when the caller may not see it.</summary>
    public async Task<ClientView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await Project(Visible().AsNoTracking().Where(c => c.Id == id)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        await audit.RecordReadAsync(row.OrganizationId, AuditEntityTypes.Client, [row.Id], null, cancellationToken);
        return row.ToView(DecryptEmail(row.Id, row.EncryptedEmail));
    }

    /// <summary>
    /// The sessions the client took part in that the caller may see, newest first (an audited read), or null when the
    /// caller may not see the client.
    /// </summary>
    public async Task<Page<ClientTimelineEntry>?> TimelineAsync(Guid id, int page, int pageSize, CancellationToken cancellationToken)
    {
        var client = await Visible().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Id, c.OrganizationId }).SingleOrDefaultAsync(cancellationToken);
        if (client is null)
        {
            return null;
        }

        var sessionIds = VisibleSessions().Select(s => s.Id);
        var query = db.ClientSessions.AsNoTracking().Where(cs => cs.ClientId == id && sessionIds.Contains(cs.SessionId));
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(cs => cs.Session.SessionDate).ThenByDescending(cs => cs.Session.CreatedAt).ThenByDescending(cs => cs.SessionId)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(cs => new ClientTimelineEntry(
                cs.SessionId, cs.Id, cs.Session.SessionDate, cs.Session.SessionType, cs.Session.Title,
                cs.EngagementLevel, cs.PriorityScore, cs.PriorityRank, cs.Summary == null ? null : cs.Summary.Id))
            .ToListAsync(cancellationToken);
        await audit.RecordReadAsync(
            client.OrganizationId, AuditEntityTypes.Client, [client.Id], new AuditDetails().Identifier("view", "timeline"), cancellationToken);
        return new Page<ClientTimelineEntry>(items, page, pageSize, total);
    }

    /// <summary>Applies <paramref name="changes"/> and records an audited update naming the changed fields (not their values).</summary>
    public async Task<ClientView?> UpdateAsync(Guid id, ClientChanges changes, CancellationToken cancellationToken)
    {
        var client = await Visible().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var fields = new List<string>();
        if (changes.Name is { } name && name.Trim() != client.Name)
        {
            client.Name = name.Trim();
            client.NormalizedName = ClientNames.Normalize(client.Name);
            fields.Add("name");
        }

        var email = DecryptEmail(client.Id, client.EncryptedEmail);
        if (changes.Email is { } newEmail && newEmail.Trim() != (email ?? ""))
        {
            email = newEmail.Trim();
            if (email.Length == 0)
            {
                email = null;
                client.EncryptedEmail = null;
                client.EmailHash = null;
            }
            else
            {
                client.EncryptedEmail = protector.ProtectEmail(client.Id, email);
                client.EmailHash = protector.HashEmail(client.OrganizationId, email);
            }

            fields.Add("email");
        }

        if (changes.Aliases is { } aliases)
        {
            List<string> cleaned = [.. aliases.Select(a => a.Trim()).Where(a => a.Length > 0).DistinctBy(ClientNames.Normalize)];
            if (!cleaned.SequenceEqual(client.Aliases, StringComparer.Ordinal))
            {
                client.Aliases = cleaned;
                fields.Add("aliases");
            }
        }

        audit.Add(client.OrganizationId, AuditActions.Update, AuditEntityTypes.Client, client.Id, new AuditDetails().Identifiers("fields", fields));
        await db.SaveChangesAsync(cancellationToken);
        ClientsLog.Updated(logger, client.Id, user.CoachId);

        var tags = await db.ClientTags.AsNoTracking().Where(t => t.ClientId == id).Select(t => t.Tag.Path).Order().ToListAsync(cancellationToken);
        return new ClientView(client.Id, client.Name, email, [.. client.Aliases], tags, client.EngagementScore, client.CreatedAt);
    }

    /// <summary>
    /// Erases the client (admins only): the client row and, through the database's cascades, everything hanging off
    /// it (participations, their summaries with every revision and tag, follow-ups, client tags); the client's name
    /// and aliases are also removed from the participant hints of their sessions, and their turns and name from the
    /// stored transcripts. One transaction, together with an
    /// <c>erase</c> audit event holding the ids of what was removed.
    /// </summary>
    public async Task<ClientChangeOutcome> EraseAsync(Guid id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryEraseAsync(id, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < EraseAttempts)
            {
                // A session we scrub was changed meanwhile (xmin): start over from fresh rows.
                ClientsLog.EraseRetried(logger, id, attempt);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ClientChangeOutcome> TryEraseAsync(Guid id, CancellationToken cancellationToken)
    {
        var client = await Visible().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return ClientChangeOutcome.NotFound;
        }

        if (user.Role != CoachRole.Admin)
        {
            return ClientChangeOutcome.Forbidden;
        }

        var participations = await db.ClientSessions.AsNoTracking().Where(cs => cs.ClientId == id)
            .Select(cs => new
            {
                cs.Id,
                cs.SessionId,
                cs.SpeakerLabel,
                SummaryId = cs.Summary == null ? (Guid?)null : cs.Summary.Id,
            })
            .ToListAsync(cancellationToken);
        var summaryIds = participations.Where(p => p.SummaryId.HasValue).Select(p => p.SummaryId!.Value).ToList();
        var followUpIds = await db.FollowUps.AsNoTracking().Where(f => summaryIds.Contains(f.SummaryId)).Select(f => f.Id).ToListAsync(cancellationToken);

        // Participant hints are names typed at upload: drop those that name this client.
        var names = new HashSet<string>(
            client.Aliases.Append(client.Name).Concat(participations.Select(p => p.SpeakerLabel)).Select(ClientNames.Normalize),
            StringComparer.Ordinal);
        var sessionIds = participations.Select(p => p.SessionId).Distinct().ToList();
        var sessions = await db.Sessions.Where(s => sessionIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var scrubbed = 0;
        foreach (var session in sessions)
        {
            List<string> kept = [.. session.ParticipantHints.Where(h => !names.Contains(ClientNames.Normalize(h)))];
            if (kept.Count != session.ParticipantHints.Count)
            {
                session.ParticipantHints = kept;
                scrubbed++;
            }

            RedactTranscript(session, client, participations.Where(p => p.SessionId == session.Id).Select(p => p.SpeakerLabel));
        }

        db.Clients.Remove(client);
        audit.Add(client.OrganizationId, AuditActions.Erase, AuditEntityTypes.Client, client.Id, new AuditDetails()
            .Ids("clientSessionIds", participations.Select(p => p.Id))
            .Ids("sessionIds", sessionIds)
            .Ids("summaryIds", summaryIds)
            .Ids("followUpIds", followUpIds));
        await db.SaveChangesAsync(cancellationToken);

        ClientsLog.Erased(logger, client.Id, user.CoachId, participations.Count, summaryIds.Count, followUpIds.Count, scrubbed);
        return ClientChangeOutcome.Done;
    }

    /// <summary>
    /// Rewrites the session's stored transcript without the client: their turns keep their place but lose their words,
    /// and their names are blanked in everyone else's turns. The original file is replaced (encrypted JSON turns).
    /// </summary>
    private void RedactTranscript(Session session, Client client, IEnumerable<string> participationLabels)
    {
        var speakerMap = SpeakerMap.Read(session.Metadata);
        var labels = speakerMap.Where(p => p.Value == client.Id).Select(p => p.Key).Concat(participationLabels)
            .ToHashSet(StringComparer.Ordinal);
        var parsed = TranscriptParser.Parse(protector.UnprotectTranscript(session.TranscriptCiphertext), session.TranscriptFileName, TranscriptRedactor.StoredLimits);
        var redacted = TranscriptRedactor.Redact(parsed, labels, client.Aliases.Append(client.Name));
        session.TranscriptCiphertext = protector.ProtectTranscript(redacted);
        session.TranscriptSizeBytes = redacted.LongLength;
        session.TranscriptFormat = nameof(TranscriptFormat.Json);
        // File names and titles often carry the client's name (one-on-ones especially).
        session.TranscriptFileName = "transcript.redacted.json";
        session.Title = TranscriptRedactor.RedactNames(session.Title, client.Aliases.Append(client.Name));
        session.Metadata = SpeakerMap.Write(session.Metadata, speakerMap.Where(p => p.Value != client.Id).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>Sessions the caller may see: not deleted, and run by a coach they supervise (any, for an admin).</summary>
    private IQueryable<Session> VisibleSessions()
    {
        var sessions = db.Sessions.Where(s => s.DeletedAt == null);
        if (user.Role == CoachRole.Admin)
        {
            return sessions;
        }

        var coachIds = coaches.Visible().Select(c => c.Id);
        return sessions.Where(s => coachIds.Contains(s.CoachId));
    }

    private string? DecryptEmail(Guid clientId, string? encryptedEmail) =>
        encryptedEmail is null ? null : protector.UnprotectEmail(clientId, encryptedEmail);

    private static IQueryable<ClientRow> Project(IQueryable<Client> clients) => clients.Select(c => new ClientRow(
        c.Id, c.OrganizationId, c.Name, c.EncryptedEmail, c.Aliases, c.Tags.Select(t => t.Tag.Path).Order().ToList(), c.EngagementScore, c.CreatedAt));

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private sealed record ClientRow(
        Guid Id, Guid OrganizationId, string Name, string? EncryptedEmail, List<string> Aliases, List<string> Tags, double? EngagementScore, DateTimeOffset CreatedAt)
    {
        public ClientView ToView(string? email) => new(Id, Name, email, Aliases, Tags, EngagementScore, CreatedAt);
    }
}
