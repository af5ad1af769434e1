namespace CoachingPlatform.Core.Data;

/// <summary>A row that belongs to exactly one organisation (the tenant boundary).</summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; }
}

/// <summary>A row whose creation and update times are stamped by <see cref="TimestampInterceptor"/>.</summary>
public interface ITimestamped
{
    DateTimeOffset CreatedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}
