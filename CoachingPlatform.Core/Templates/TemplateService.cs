using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Templates;

/// <summary>Whose template a new one is: the caller's own override, or an organisation template (leads and admins).</summary>
public enum TemplateScope
{
    Coach,
    Organization,
}

/// <summary>List filters: a kind, and a session type (templates for that type plus those for every type).</summary>
public sealed record TemplateFilter(TemplateKind? Kind, string? SessionType);

/// <summary>What a caller may set on a template. Owner and organisation come from the caller, never from here.</summary>
public sealed record TemplateDraft(string Name, TemplateKind Kind, string? SessionType, string Content, bool IsDefault, TemplateScope Scope = TemplateScope.Coach);

public enum TemplateChangeOutcome
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>The outcome of a change; <see cref="Error"/> says what is wrong with the content when Invalid.</summary>
public sealed record TemplateChangeResult(TemplateChangeOutcome Outcome, TemplateView? Template = null, TemplateException? Error = null);

/// <summary>
/// Templates for the signed-in coach: their own overrides, their organisation's templates and the built-in system
/// defaults. Coaches manage their own; leads and admins also manage the organisation's. Another coach's
/// templates (and another organisation's) do not exist as far as the caller can tell.
/// </summary>
public sealed class TemplateService(CoachingDbContext db, ICurrentUser user, TemplateResolver resolver, TimeProvider time)
{
    /// <summary>See <see cref="TemplateResolver.ResolveAsync"/>.</summary>
    public Task<TemplateView> ResolveAsync(TemplateKind kind, string? sessionType, Guid coachId, CancellationToken cancellationToken) =>
        resolver.ResolveAsync(kind, sessionType, coachId, preferredTemplateId: null, cancellationToken);

    /// <summary>The caller's own templates, then the organisation's, then the system defaults; filtered and paged.</summary>
    public async Task<Page<TemplateView>> ListAsync(TemplateFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Visible().AsNoTracking();
        if (filter.Kind is { } kind)
        {
            query = query.Where(t => t.Kind == kind);
        }

        if (filter.SessionType is { } type)
        {
            query = query.Where(t => t.SessionType == null || t.SessionType == type);
        }

        var system = SystemTemplates.All
            .Where(t => (filter.Kind is null || t.Kind == filter.Kind) && (filter.SessionType is null || t.SessionType is null || t.SessionType == filter.SessionType))
            .ToList();
        var stored = await query.CountAsync(cancellationToken);

        // Stored templates come first, system defaults after them: the page window is cut across both.
        var skip = (page - 1) * pageSize;
        var items = new List<TemplateView>();
        if (skip < stored)
        {
            var rows = await query
                .OrderBy(t => t.OwnerCoachId == null).ThenBy(t => t.Kind).ThenBy(t => t.SessionType).ThenBy(t => t.Name).ThenBy(t => t.Id)
                .Skip(skip).Take(pageSize).ToListAsync(cancellationToken);
            items.AddRange(rows.Select(TemplateView.From));
        }

        items.AddRange(system.Skip(Math.Max(0, skip - stored)).Take(pageSize - items.Count));
        return new Page<TemplateView>(items, page, pageSize, stored + system.Count);
    }

    /// <summary>A system default by its well-known id, or a stored template the caller may see; null otherwise.</summary>
    public async Task<TemplateView?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        SystemTemplates.Find(id) ?? (await Visible().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is { } t ? TemplateView.From(t) : null);

    /// <summary>
    /// Creates the caller's own template, or (scope Organization, leads and admins only) an organisation template.
    /// The content is validated against the kind's catalogue; a new default replaces the previous default of the same
    /// owner, kind and session type.
    /// </summary>
    public async Task<TemplateChangeResult> CreateAsync(TemplateDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Scope == TemplateScope.Organization && user.Role == CoachRole.Coach)
        {
            return new TemplateChangeResult(TemplateChangeOutcome.Forbidden);
        }

        if (Validate(draft) is { } invalid)
        {
            return invalid;
        }

        var template = new Template
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            OrganizationId = user.OrganizationId,
            OwnerCoachId = draft.Scope == TemplateScope.Organization ? null : user.CoachId,
            Name = draft.Name.Trim(),
            Content = draft.Content,
        };
        Apply(template, draft);
        db.Templates.Add(template);
        await DemoteOtherDefaultsAsync(template, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TemplateChangeResult(TemplateChangeOutcome.Done, TemplateView.From(template));
    }

    /// <summary>Replaces name, kind, session type, content and default flag of a template the caller may change.</summary>
    public async Task<TemplateChangeResult> UpdateAsync(Guid id, TemplateDraft draft, CancellationToken cancellationToken)
    {
        var (outcome, template) = await FindChangeableAsync(id, cancellationToken);
        if (template is null)
        {
            return new TemplateChangeResult(outcome);
        }

        if (Validate(draft) is { } invalid)
        {
            return invalid;
        }

        Apply(template, draft);
        await DemoteOtherDefaultsAsync(template, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TemplateChangeResult(TemplateChangeOutcome.Done, TemplateView.From(template));
    }

    public async Task<TemplateChangeOutcome> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var (outcome, template) = await FindChangeableAsync(id, cancellationToken);
        if (template is null)
        {
            return outcome;
        }

        db.Templates.Remove(template);
        await db.SaveChangesAsync(cancellationToken);
        return TemplateChangeOutcome.Done;
    }

    /// <summary>The caller's own templates and their organisation's (never another coach's).</summary>
    private IQueryable<Template> Visible()
    {
        var coachId = user.CoachId;
        var organizationId = user.OrganizationId;
        return db.Templates.Where(t => t.OrganizationId == organizationId && (t.OwnerCoachId == null || t.OwnerCoachId == coachId));
    }

    private async Task<(TemplateChangeOutcome, Template?)> FindChangeableAsync(Guid id, CancellationToken cancellationToken)
    {
        if (SystemTemplates.Find(id) is not null)
        {
            return (TemplateChangeOutcome.Forbidden, null); // built-in: visible but read-only
        }

        var template = await Visible().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return (TemplateChangeOutcome.NotFound, null);
        }

        return template.OwnerCoachId is null && user.Role == CoachRole.Coach
            ? (TemplateChangeOutcome.Forbidden, null)
            : (TemplateChangeOutcome.Done, template);
    }

    private static TemplateChangeResult? Validate(TemplateDraft draft)
    {
        try
        {
            TemplateRenderer.Validate(draft.Content, draft.Kind);
            return null;
        }
        catch (TemplateException ex)
        {
            return new TemplateChangeResult(TemplateChangeOutcome.Invalid, Error: ex);
        }
    }

    private static void Apply(Template template, TemplateDraft draft)
    {
        template.Name = draft.Name.Trim();
        template.Kind = draft.Kind;
        template.SessionType = string.IsNullOrWhiteSpace(draft.SessionType) ? null : draft.SessionType.Trim();
        template.Content = draft.Content;
        // Saved as the variables the content uses (all in the catalogue): rendering checks every one has a value.
        template.RequiredVariables = [.. TemplateRenderer.Parse(draft.Content).Variables];
        template.IsDefault = draft.IsDefault;
    }

    /// <summary>At most one default per owner, kind and session type: the one just saved wins.</summary>
    private async Task DemoteOtherDefaultsAsync(Template template, CancellationToken cancellationToken)
    {
        if (!template.IsDefault)
        {
            return;
        }

        var others = await db.Templates
            .Where(t => t.Id != template.Id && t.OrganizationId == template.OrganizationId && t.IsDefault
                        && t.Kind == template.Kind && t.OwnerCoachId == template.OwnerCoachId && t.SessionType == template.SessionType)
            .ToListAsync(cancellationToken);
        foreach (var other in others)
        {
            other.IsDefault = false;
        }
    }
}
