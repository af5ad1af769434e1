using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;

namespace CoachingPlatform.Core.Audit;

/// <summary>
/// Records who read or changed which protected record, when and from where. Events hold ids only; the table is
/// append-only (a database trigger rejects UPDATE, DELETE and TRUNCATE of <c>audit_events</c>).
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Adds an event to the current <see cref="CoachingDbContext"/>: it is written by the caller's next
    /// <c>SaveChangesAsync</c>, in the same transaction as the change it describes (so neither exists without the other).
    /// </summary>
    AuditEvent Add(Guid organizationId, string action, string entityType, Guid? entityId, AuditDetails? details = null);

    /// <summary>Records a read and saves it at once, before the data is returned (no audit row, no data).</summary>
    Task RecordReadAsync(Guid organizationId, string entityType, IReadOnlyCollection<Guid> entityIds, AuditDetails? details, CancellationToken cancellationToken);
}

internal sealed class AuditLog(CoachingDbContext db, IAuditActor actor, TimeProvider time) : IAuditLog
{
    public AuditEvent Add(Guid organizationId, string action, string entityType, Guid? entityId, AuditDetails? details = null)
    {
        var audit = new AuditEvent
        {
            OrganizationId = organizationId,
            ActorCoachId = actor.CoachId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OccurredAt = time.GetUtcNow(),
            IpAddress = Truncate(actor.IpAddress, 64),
            UserAgent = Truncate(actor.UserAgent, 512),
            Details = details is null || details.IsEmpty ? null : details.ToJson(),
        };
        db.AuditEvents.Add(audit);
        return audit;
    }

    public async Task RecordReadAsync(
        Guid organizationId, string entityType, IReadOnlyCollection<Guid> entityIds, AuditDetails? details, CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0)
        {
            return;
        }

        foreach (var id in entityIds)
        {
            Add(organizationId, AuditActions.Read, entityType, id, details);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } v && v.Length > length ? v[..length] : value;
}
