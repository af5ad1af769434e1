using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Analysis.Configurations;

/// <summary>Maps a <see cref="SummaryContent"/> navigation to one jsonb column; shared by summaries and revisions.</summary>
internal static class SummaryContentMapping
{
    public static void MapAsJson<TOwner>(OwnedNavigationBuilder<TOwner, SummaryContent> content)
        where TOwner : class
    {
        content.ToJson();
        content.OwnsMany(c => c.Wins);
        content.OwnsMany(c => c.Challenges);
        content.OwnsMany(c => c.Recommendations);
        content.OwnsMany(c => c.ActionItems);
    }
}
