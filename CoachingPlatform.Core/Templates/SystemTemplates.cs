namespace CoachingPlatform.Core.Templates;

/// <summary>Where a template comes from, most specific first.</summary>
public enum TemplateSource
{
    /// <summary>A coach's own override.</summary>
    Coach,

    /// <summary>An organisation template (created by a lead or admin).</summary>
    Organization,

    /// <summary>A built-in default defined in code (<see cref="SystemTemplates"/>); read-only.</summary>
    System,
}

/// <summary>A template as callers see it: a stored one or a built-in system default.</summary>
/// <param name="Id">The row id, or for a system default its stable well-known id (see <see cref="SystemTemplates"/>).</param>
public sealed record TemplateView(
    Guid Id,
    string Name,
    TemplateKind Kind,
    string? SessionType,
    string Content,
    IReadOnlyList<string> RequiredVariables,
    TemplateSource Source,
    bool IsDefault,
    Guid? OwnerCoachId,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>The id to store in a reference such as <c>FollowUp.TemplateId</c>: null for a system default (no row).</summary>
    public Guid? StoredId => Source == TemplateSource.System ? null : Id;

    public static TemplateView From(Template t) => new(
        t.Id, t.Name, t.Kind, t.SessionType, t.Content, t.RequiredVariables,
        t.OwnerCoachId is null ? TemplateSource.Organization : TemplateSource.Coach, t.IsDefault, t.OwnerCoachId, t.UpdatedAt);
}

/// <summary>
/// The built-in defaults, the last step of template selection: one per kind for <c>group</c> workshops, one for
/// <c>individual</c> sessions, and a generic one for any other (organisation-defined) session type. Their ids are
/// fixed so clients can refer to them; they are not stored, so they cannot be edited (create an override instead).
/// </summary>
public static class SystemTemplates
{
    private const string Group = "group";
    private const string Individual = "individual";

    private const string SummaryIndividual = """
        Session summary for {{clientName}}
        {{coachName}}, {{sessionDate}}{{#if sessionTitle}} ({{sessionTitle}}){{/if}}

        {{narrative}}
        {{#if wins}}

        Wins
        {{#each wins}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if challenges}}

        Challenges
        {{#each challenges}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if actionItems}}

        Action items
        {{#each actionItems}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if recommendations}}

        Recommendations
        {{#each recommendations}}
        - {{this}}
        {{/each}}
        {{/if}}
        """;

    private const string SummaryGroup = """
        Workshop summary for {{clientName}}
        {{#if sessionTitle}}{{sessionTitle}}, {{/if}}{{sessionDate}}, facilitated by {{coachName}}

        {{narrative}}
        {{#if wins}}

        Contributions and wins
        {{#each wins}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if challenges}}

        Challenges raised
        {{#each challenges}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if actionItems}}

        Commitments
        {{#each actionItems}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if recommendations}}

        Coach recommendations
        {{#each recommendations}}
        - {{this}}
        {{/each}}
        {{/if}}
        """;

    // The email body; the drafter supplies greeting, opening and closing in the coach's tone for the priority.
    private const string EmailIndividual = """
        {{greeting}}

        {{opening}}
        {{#if wins}}

        What went well:
        {{#each wins}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if actionItems}}

        Your next steps:
        {{#each actionItems}}
        - {{this}}
        {{/each}}
        {{/if}}

        {{closing}}

        {{signOff}}
        """;

    private const string EmailGroup = """
        {{greeting}}

        {{opening}}
        {{#if wins}}

        What you brought to the group:
        {{#each wins}}
        - {{this}}
        {{/each}}
        {{/if}}
        {{#if actionItems}}

        What you committed to:
        {{#each actionItems}}
        - {{this}}
        {{/each}}
        {{/if}}

        {{closing}}

        {{signOff}}
        """;

    private const string PromptIndividual = """
        You are assisting {{coachName}} of {{organizationName}} after a one-on-one coaching session ({{sessionType}}) with {{participantName}}.
        Summarise what {{participantName}} said, felt and agreed to. The coach's turns are context, never the participant's own words.
        Extract wins, challenges, action items (with the owner and the due date when one is stated) and the coach's recommendations, each with the transcript turns it came from.
        Write a short narrative in plain, warm language. Never add anything the transcript does not show.
        """;

    private const string PromptGroup = """
        You are assisting {{coachName}} of {{organizationName}} after a group workshop ({{sessionType}}).
        Summarise only what {{participantName}} said or agreed to. Other participants' words and the coach's turns are context, never {{participantName}}'s own.
        Extract wins, challenges, action items (with the owner and the due date when one is stated) and the coach's recommendations for {{participantName}}, each with the transcript turns it came from.
        Write a short narrative in plain, warm language. Never add anything the transcript does not show.
        """;

    /// <summary>Every built-in default.</summary>
    public static IReadOnlyList<TemplateView> All { get; } =
    [
        Make("5e7e0000-0000-4000-8000-000000000100", "Summary (default)", TemplateKind.Summary, null, SummaryIndividual),
        Make("5e7e0000-0000-4000-8000-000000000101", "Summary (group workshop)", TemplateKind.Summary, Group, SummaryGroup),
        Make("5e7e0000-0000-4000-8000-000000000102", "Summary (one-on-one)", TemplateKind.Summary, Individual, SummaryIndividual),
        Make("5e7e0000-0000-4000-8000-000000000200", "Follow-up email (default)", TemplateKind.Email, null, EmailIndividual),
        Make("5e7e0000-0000-4000-8000-000000000201", "Follow-up email (group workshop)", TemplateKind.Email, Group, EmailGroup),
        Make("5e7e0000-0000-4000-8000-000000000202", "Follow-up email (one-on-one)", TemplateKind.Email, Individual, EmailIndividual),
        Make("5e7e0000-0000-4000-8000-000000000300", "Analysis prompt (default)", TemplateKind.Prompt, null, PromptIndividual),
        Make("5e7e0000-0000-4000-8000-000000000301", "Analysis prompt (group workshop)", TemplateKind.Prompt, Group, PromptGroup),
        Make("5e7e0000-0000-4000-8000-000000000302", "Analysis prompt (one-on-one)", TemplateKind.Prompt, Individual, PromptIndividual),
    ];

    /// <summary>The built-in template with this id, if it is one.</summary>
    public static TemplateView? Find(Guid id) => All.FirstOrDefault(t => t.Id == id);

    /// <summary>The built-in default of <paramref name="kind"/> for <paramref name="sessionType"/>, else the generic one.</summary>
    public static TemplateView Default(TemplateKind kind, string? sessionType) =>
        All.FirstOrDefault(t => t.Kind == kind && sessionType is not null && t.SessionType == sessionType)
        ?? All.First(t => t.Kind == kind && t.SessionType is null);

    private static TemplateView Make(string id, string name, TemplateKind kind, string? sessionType, string content) =>
        new(Guid.Parse(id), name, kind, sessionType, content, TemplateRenderer.Validate(content, kind).Variables,
            TemplateSource.System, IsDefault: true, OwnerCoachId: null, UpdatedAt: null);
}
