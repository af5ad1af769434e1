namespace CoachingPlatform.Core.Templates;

/// <summary>Whether a variable holds text or a list of strings (for <c>{{#each}}</c>).</summary>
public enum TemplateVariableShape
{
    Text,
    List,
}

/// <summary>One variable the platform supplies when it renders a template of some kind.</summary>
public sealed record TemplateVariable(string Name, TemplateVariableShape Shape, string Description, string Sample);

/// <summary>
/// The fixed, documented set of variables per template kind (docs/templates.md). A template may only use these:
/// the platform is the one that supplies the values, so anything else could never be filled in.
/// </summary>
public static class TemplateCatalogue
{
    private static readonly TemplateVariable[] SummaryVariables =
    [
        new("clientName", TemplateVariableShape.Text, "The client's full name.", "Maria Lopez"),
        new("coachName", TemplateVariableShape.Text, "The coach's name.", "Avery Stone"),
        new("sessionDate", TemplateVariableShape.Text, "The session date, e.g. 3 December 2026.", "3 December 2026"),
        new("sessionTitle", TemplateVariableShape.Text, "The session title (may be empty).", "Time Management Workshop"),
        new("narrative", TemplateVariableShape.Text, "The narrative summary.", "Maria worked on protecting her mornings for deep work."),
        new("wins", TemplateVariableShape.List, "Wins, one per entry.", "Blocked two mornings for deep work"),
        new("challenges", TemplateVariableShape.List, "Challenges, one per entry.", "Meetings creep into focus time"),
        new("actionItems", TemplateVariableShape.List, "Action items with their due date when stated, e.g. \"Send the plan (by Friday 11 December)\".", "Draft the weekly plan (by Friday 11 December)"),
        new("recommendations", TemplateVariableShape.List, "The coach's recommendations, one per entry.", "Review the calendar every Friday"),
    ];

    private static readonly TemplateVariable[] EmailOnlyVariables =
    [
        new("subject", TemplateVariableShape.Text, "The subject the drafter chose for the priority.", "Your recap: Time Management Workshop, 3 December 2026"),
        new("priority", TemplateVariableShape.Text, "urgent, breakthrough, silent-or-low or standard.", "standard"),
        new("signOff", TemplateVariableShape.Text, "The coach's sign-off from their voice profile, else \"— {coachName}\".", "— Avery Stone"),
        new("greeting", TemplateVariableShape.Text, "The salutation with the first name, in the coach's tone, e.g. \"Hi Maria,\".", "Hi Maria,"),
        new("firstName", TemplateVariableShape.Text, "The client's first name.", "Maria"),
        new("opening", TemplateVariableShape.Text, "The first paragraph for the priority, in the coach's tone.", "Thank you for the Time Management Workshop on 3 December 2026. Here is a short recap so you have everything in one place."),
        new("closing", TemplateVariableShape.Text, "The encouraging close in the coach's tone (may weave in one of the coach's phrases).", "I'm cheering you on. Reply any time if you have questions."),
    ];

    private static readonly TemplateVariable[] PromptVariables =
    [
        new("sessionType", TemplateVariableShape.Text, "group, individual or the organisation's methodology key.", "group"),
        new("coachName", TemplateVariableShape.Text, "The coach's name.", "Avery Stone"),
        new("participantName", TemplateVariableShape.Text, "The participant being analysed.", "Maria Lopez"),
        new("organizationName", TemplateVariableShape.Text, "The organisation's name.", "Demo Coaching Co"),
    ];

    private static readonly Dictionary<TemplateKind, IReadOnlyDictionary<string, TemplateVariable>> ByKind = new()
    {
        [TemplateKind.Summary] = SummaryVariables.ToDictionary(v => v.Name, StringComparer.Ordinal),
        [TemplateKind.Email] = SummaryVariables.Concat(EmailOnlyVariables).ToDictionary(v => v.Name, StringComparer.Ordinal),
        [TemplateKind.Prompt] = PromptVariables.ToDictionary(v => v.Name, StringComparer.Ordinal),
    };

    /// <summary>The variables a template of <paramref name="kind"/> may use, by name.</summary>
    public static IReadOnlyDictionary<string, TemplateVariable> For(TemplateKind kind) =>
        ByKind.TryGetValue(kind, out var variables) ? variables : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown template kind.");

    /// <summary>Every catalogue variable of <paramref name="kind"/> filled with its sample value (previews, tests).</summary>
    public static TemplateValues Samples(TemplateKind kind)
    {
        var values = new TemplateValues();
        foreach (var variable in For(kind).Values)
        {
            _ = variable.Shape == TemplateVariableShape.List ? values.List(variable.Name, [variable.Sample]) : values.Text(variable.Name, variable.Sample);
        }

        return values;
    }
}
