using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Tags;

namespace CoachingPlatform.Core.Clients;

/// <summary>A person coached by the organisation, matched to transcript speakers by name and aliases.</summary>
public sealed class Client : IOrganizationOwned, ITimestamped
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }

    // Name normalised the way speaker labels are, so matching is an indexed equality lookup.
    public required string NormalizedName { get; set; }

    // The email is encrypted at rest; EmailHash is a keyed hash of the normalised address so it can still be looked up.
    public string? EncryptedEmail { get; set; }
    public string? EmailHash { get; set; }
    public List<string> Aliases { get; set; } = [];
    public double? EngagementScore { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public ICollection<ClientSession> Sessions { get; } = [];
    public ICollection<ClientTag> Tags { get; } = [];
}
