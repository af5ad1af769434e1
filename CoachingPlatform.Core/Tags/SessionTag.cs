using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Sessions;

namespace CoachingPlatform.Core.Tags;

/// <summary>A tag on a session.</summary>
public sealed class SessionTag : IOrganizationOwned
{
    public Guid SessionId { get; set; }
    public Session Session { get; set; } = null!;
    public Guid TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public Guid OrganizationId { get; set; }
}
