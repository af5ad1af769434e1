using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Data;

namespace CoachingPlatform.Core.Tags;

/// <summary>A tag on a summary, either chosen by the coach or suggested by the AI.</summary>
public sealed class SummaryTag : IOrganizationOwned
{
    public Guid SummaryId { get; set; }
    public Summary Summary { get; set; } = null!;
    public Guid TagId { get; set; }
    public Tag Tag { get; set; } = null!;
    public Guid OrganizationId { get; set; }

    // True while the tag is an AI suggestion the coach has not confirmed.
    public bool Suggested { get; set; }
}
