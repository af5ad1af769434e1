using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Identity;

/// <summary>A tenant: every other row belongs to exactly one organisation.</summary>
public sealed class Organization : ITimestamped
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
