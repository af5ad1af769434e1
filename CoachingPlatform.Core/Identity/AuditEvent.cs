using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Identity;

/// <summary>An append-only record of who read or changed which protected record, when and from where.</summary>
public sealed class AuditEvent : IOrganizationOwned
{
    public long Id { get; set; }
    public Guid OrganizationId { get; set; }

    // Deliberately not a foreign key: the trail must outlive the coach it names.
    public Guid? ActorCoachId { get; set; }

    // "read", "update", "delete", "erase", ...
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public Guid? EntityId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }

    // JSON with IDs only, never personal data: the audit log is itself kept longer than the data it describes.
    public string? Details { get; set; }
}
