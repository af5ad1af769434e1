using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Supervision;

/// <summary>A new confidential note about a coach and/or a session of the caller's team.</summary>
public sealed record NewTeamNote(Guid? CoachId, Guid? SessionId, string Body, int? QualityRating);

/// <summary>
/// Coach leads' confidential notes and quality ratings. Notes are visible to the leads and admins who supervise
/// the coach or session they are about, never to coaches, and never part of client exports.
/// </summary>
public sealed class TeamNoteService(CoachingDbContext db, CoachService coaches, ICurrentUser user, TimeProvider time)
{
    /// <summary>Notes about coaches (or their sessions) the caller supervises, newest first.</summary>
    public async Task<Page<TeamNote>> ListAsync(Guid? coachId, Guid? sessionId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var team = coaches.Visible().Select(c => c.Id);
        var query = db.TeamNotes.AsNoTracking().Where(n =>
            (n.CoachId != null && team.Contains(n.CoachId.Value))
            || (n.SessionId != null && db.Sessions.Any(s => s.Id == n.SessionId && team.Contains(s.CoachId))));
        if (coachId is { } c)
        {
            query = query.Where(n => n.CoachId == c);
        }

        if (sessionId is { } s)
        {
            query = query.Where(n => n.SessionId == s);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<TeamNote>(items, page, pageSize, total);
    }

    /// <summary>Adds a note; null when the coach or session is not one the caller supervises (the API answers 404).</summary>
    public async Task<TeamNote?> AddAsync(NewTeamNote request, CancellationToken cancellationToken)
    {
        var team = coaches.Visible().Select(c => c.Id);
        if (request.CoachId is { } coachId && !await team.ContainsAsync(coachId, cancellationToken))
        {
            return null;
        }

        if (request.SessionId is { } sessionId
            && !await db.Sessions.AnyAsync(s => s.Id == sessionId && s.DeletedAt == null && team.Contains(s.CoachId), cancellationToken))
        {
            return null;
        }

        var note = new TeamNote
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganizationId = user.OrganizationId,
            AuthorCoachId = user.CoachId,
            CoachId = request.CoachId,
            SessionId = request.SessionId,
            Body = request.Body.Trim(),
            QualityRating = request.QualityRating,
        };
        db.TeamNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }
}
