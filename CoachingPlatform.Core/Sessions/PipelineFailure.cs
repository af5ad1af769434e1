using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Sessions;

/// <summary>Records that a pipeline stage gave up on a session, so it never stays "in progress" for ever.</summary>
public static class PipelineFailure
{
    public static Task MarkFailedAsync(
        CoachingDbContext db, IPlatformEventPublisher events, TimeProvider time, Guid sessionId, string reason, CancellationToken cancellationToken) =>
        MarkAsync(db, events, time, sessionId, SessionStatus.Failed, reason, cancellationToken);

    public static async Task MarkAsync(
        CoachingDbContext db, IPlatformEventPublisher events, TimeProvider time, Guid sessionId, SessionStatus status, string reason,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear(); // whatever the failed attempt had pending is discarded
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return;
        }

        session.Status = status;
        session.StatusReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(PlatformEvent.ForSessionStatus(session, time.GetUtcNow()), cancellationToken);
    }
}
