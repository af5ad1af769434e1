using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Audit;

/// <summary>Which audit events to list; every criterion is optional. <c>From</c> is inclusive, <c>To</c> exclusive.</summary>
public sealed record AuditFilter(
    string? EntityType = null, Guid? EntityId = null, Guid? ActorId = null, string? Action = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>Reads the audit trail of the caller's organisation (the tenant filter confines it), newest first.</summary>
public sealed class AuditTrail(CoachingDbContext db)
{
    public async Task<Page<AuditEvent>> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (filter.EntityType is { } entityType)
        {
            query = query.Where(a => a.EntityType == entityType);
        }

        if (filter.EntityId is { } entityId)
        {
            query = query.Where(a => a.EntityId == entityId);
        }

        if (filter.ActorId is { } actorId)
        {
            query = query.Where(a => a.ActorCoachId == actorId);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }

        if (filter.From is { } from)
        {
            query = query.Where(a => a.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(a => a.OccurredAt < to);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<AuditEvent>(items, page, pageSize, total);
    }
}
