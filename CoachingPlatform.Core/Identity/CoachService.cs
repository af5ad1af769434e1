using CoachingPlatform.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Identity;

/// <summary>A page of results: the platform's list shape.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>What a new coach account is made of; the caller's role decides which fields it may set.</summary>
public sealed record NewCoach(string Email, string Name, string Password, CoachRole? Role, Guid? LeadId);

public enum CoachChangeOutcome
{
    Done,
    Forbidden,
    EmailTaken,
    InvalidLead,
}

/// <summary>The caller's own account and the coaches they may see or manage.</summary>
public sealed class CoachService(CoachingDbContext db, ICurrentUser user, IPasswordHasher<Coach> hasher, TimeProvider time)
{
    /// <summary>The caller with their organisation's name.</summary>
    public async Task<(Coach Coach, Organization Organization)> GetMeAsync(CancellationToken cancellationToken)
    {
        var coach = await db.Coaches.AsNoTracking().SingleAsync(c => c.Id == user.CoachId, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == coach.OrganizationId, cancellationToken);
        return (coach, organization);
    }

    public async Task<Coach> UpdateNotificationPreferencesAsync(NotificationPreferences preferences, CancellationToken cancellationToken)
    {
        var coach = await db.Coaches.SingleAsync(c => c.Id == user.CoachId, cancellationToken);
        coach.NotificationPreferences = preferences;
        await db.SaveChangesAsync(cancellationToken);
        return coach;
    }

    public async Task<Coach> UpdateVoiceProfileAsync(VoiceProfile profile, CancellationToken cancellationToken)
    {
        var coach = await db.Coaches.SingleAsync(c => c.Id == user.CoachId, cancellationToken);
        coach.VoiceProfile = profile;
        await db.SaveChangesAsync(cancellationToken);
        return coach;
    }

    /// <summary>Coaches the caller supervises: a lead's team (and the lead), or everyone for an admin.</summary>
    public IQueryable<Coach> Visible() => user.Role switch
    {
        CoachRole.Admin => db.Coaches,
        CoachRole.CoachLead => db.Coaches.Where(c => c.Id == user.CoachId || c.LeadId == user.CoachId),
        _ => db.Coaches.Where(c => c.Id == user.CoachId),
    };

    public async Task<Page<Coach>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Visible().AsNoTracking().Where(c => c.DeactivatedAt == null);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<Coach>(items, page, pageSize, total);
    }

    /// <summary>
    /// Admins create any role in their organisation; leads add plain coaches to their own team (a lead asking
    /// for another role or another team is refused, not silently downgraded); coaches create no one.
    /// </summary>
    public async Task<(CoachChangeOutcome Outcome, Coach? Coach)> CreateAsync(NewCoach request, CancellationToken cancellationToken)
    {
        CoachRole role;
        Guid? leadId;
        switch (user.Role)
        {
            case CoachRole.Admin:
                role = request.Role ?? CoachRole.Coach;
                leadId = request.LeadId;
                if (leadId is { } lead && !await db.Coaches.AnyAsync(c => c.Id == lead && c.Role == CoachRole.CoachLead, cancellationToken))
                {
                    return (CoachChangeOutcome.InvalidLead, null);
                }

                break;
            case CoachRole.CoachLead when request.Role is null or CoachRole.Coach && (request.LeadId is null || request.LeadId == user.CoachId):
                role = CoachRole.Coach;
                leadId = user.CoachId;
                break;
            default:
                return (CoachChangeOutcome.Forbidden, null);
        }

        var email = request.Email.Trim();
        if (await db.Coaches.IgnoreQueryFilters().AnyAsync(c => c.Email == email, cancellationToken))
        {
            return (CoachChangeOutcome.EmailTaken, null);
        }

        var coach = new Coach
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganizationId = user.OrganizationId,
            Email = email,
            Name = request.Name.Trim(),
            Role = role,
            LeadId = leadId,
        };
        coach.PasswordHash = hasher.HashPassword(coach, request.Password);
        db.Coaches.Add(coach);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return (CoachChangeOutcome.EmailTaken, null); // a concurrent create won the race for this email
        }

        return (CoachChangeOutcome.Done, coach);
    }
}
