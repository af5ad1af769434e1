using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Templates;

/// <summary>What a template produces.</summary>
public enum TemplateKind
{
    Summary,
    Email,
    Prompt,
}

/// <summary>A summary, email or prompt template with <c>{{variables}}</c>, per session type.</summary>
public sealed class Template : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public TemplateKind Kind { get; set; }

    // Null applies to every session type.
    public string? SessionType { get; set; }
    public required string Content { get; set; }
    public List<string> RequiredVariables { get; set; } = [];

    // Null = an organisation (or system) template rather than a coach's own.
    public Guid? OwnerCoachId { get; set; }
    public bool IsDefault { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
