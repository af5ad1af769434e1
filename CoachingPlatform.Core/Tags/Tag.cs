using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Tags;

/// <summary>A hierarchical tag (<c>Client Issues &gt; Time Management &gt; Procrastination</c>) for sessions, clients and summaries.</summary>
public sealed class Tag : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public Guid? ParentId { get; set; }
    public Tag? Parent { get; set; }

    // The full path ("A > B > C"), denormalised so filters and analytics need no recursive query.
    public required string Path { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public ICollection<Tag> Children { get; } = [];
}
