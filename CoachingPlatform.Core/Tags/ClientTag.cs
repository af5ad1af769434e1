using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Tags;

/// <summary>A tag on a client.</summary>
public sealed class ClientTag : IOrganizationOwned
{
    public Guid ClientId { get; set; }
    public Client Client { get; set; } = null!;
    public Guid TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public Guid OrganizationId { get; set; }
}
