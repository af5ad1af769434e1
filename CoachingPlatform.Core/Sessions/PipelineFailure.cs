using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Sessions;

/// <summary>Records that a pipeline stage gave up on a session, so it never stays "in progress" for ever.</summary>
internal static class PipelineFailure
{
    public static async Task MarkFailedAsync(
        CoachingDbContext db, IPlatformEventPublisher events, TimeProvider time, Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear(); // whatever the failed attempt had pending is discarded
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return;
        }

        session.Status = SessionStatus.Failed;
        session.StatusReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(PlatformEvent.ForSessionStatus(session, time.GetUtcNow()), cancellationToken);
    }
}
