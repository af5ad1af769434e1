using CoachingPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Templates;

/// <summary>
/// Picks the template a coach's session uses. Needs no signed-in user, so the worker uses it as well as the API.
/// </summary>
public sealed class TemplateResolver(CoachingDbContext db)
{
    /// <summary>
    /// The template of <paramref name="kind"/> for a session of <paramref name="sessionType"/> run by
    /// <paramref name="coachId"/>, most specific first: the coach's own default for that session type, the coach's
    /// own default for every type, the organisation's default for that type, the organisation's default for every
    /// type, then the built-in system default (for that type, else generic). Only templates flagged
    /// <c>IsDefault</c> take part; ties go to the most recently updated. An unknown coach gets the system default.
    /// </summary>
    /// <param name="preferredTemplateId">
    /// A template chosen for this one session (the coach's per-session override): used when it is of the right kind
    /// and is the coach's own, their organisation's or a system template; otherwise ignored.
    /// </param>
    public async Task<TemplateView> ResolveAsync(
        TemplateKind kind, string? sessionType, Guid coachId, Guid? preferredTemplateId, CancellationToken cancellationToken)
    {
        // The organisation is taken from the coach, not from the ambient tenant: the worker may run unrestricted.
        var organizationId = await db.Coaches.AsNoTracking()
            .Where(c => c.Id == coachId).Select(c => (Guid?)c.OrganizationId).SingleOrDefaultAsync(cancellationToken);
        if (organizationId is not { } org)
        {
            return SystemTemplates.Default(kind, sessionType);
        }

        if (preferredTemplateId is { } preferred)
        {
            if (SystemTemplates.Find(preferred) is { } system && system.Kind == kind)
            {
                return system;
            }

            var chosen = await db.Templates.AsNoTracking()
                .Where(t => t.Id == preferred && t.OrganizationId == org && t.Kind == kind && (t.OwnerCoachId == null || t.OwnerCoachId == coachId))
                .SingleOrDefaultAsync(cancellationToken);
            if (chosen is not null)
            {
                return TemplateView.From(chosen);
            }
        }

        var candidates = await db.Templates.AsNoTracking()
            .Where(t => t.OrganizationId == org && t.Kind == kind && t.IsDefault
                        && (t.OwnerCoachId == coachId || t.OwnerCoachId == null)
                        && (t.SessionType == null || t.SessionType == sessionType))
            .ToListAsync(cancellationToken);
        var best = candidates
            .OrderBy(t => Rank(t, coachId))
            .ThenByDescending(t => t.UpdatedAt)
            .ThenByDescending(t => t.Id)
            .FirstOrDefault();
        return best is null ? SystemTemplates.Default(kind, sessionType) : TemplateView.From(best);
    }

    private static int Rank(Template t, Guid coachId) => (t.OwnerCoachId == coachId, t.SessionType is not null) switch
    {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => 2,
        _ => 3,
    };
}
