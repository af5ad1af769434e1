using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Sessions;

/// <summary>How pipeline stages record a session's state: saved first, then announced to the coach.</summary>
public static class SessionProgress
{
    /// <summary>Sets the tracked <paramref name="session"/>'s status, saves, and publishes <c>SessionStatusChanged</c>.</summary>
    public static async Task SetAsync(
        CoachingDbContext db, IPlatformEventPublisher events, TimeProvider time, Session session, SessionStatus status, int progress,
        string? reason, CancellationToken cancellationToken)
    {
        session.Status = status;
        session.Progress = progress;
        session.StatusReason = reason;
        await db.SaveChangesAsync(cancellationToken);
        await events.PublishAsync(PlatformEvent.ForSessionStatus(session, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Records that a stage gave up on a session (out of retries), so it never stays "in progress" for ever: whatever
    /// the failed attempt had pending is discarded, the session is reloaded and set to <paramref name="status"/>.
    /// </summary>
    public static async Task GiveUpAsync(
        CoachingDbContext db, IPlatformEventPublisher events, TimeProvider time, Guid sessionId, SessionStatus status, string reason,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken) is { } session)
        {
            await SetAsync(db, events, time, session, status, session.Progress, reason, cancellationToken);
        }
    }
}
