using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Tags.Configurations;

internal sealed class SummaryTagConfiguration : IEntityTypeConfiguration<SummaryTag>
{
    public void Configure(EntityTypeBuilder<SummaryTag> builder)
    {
        builder.HasKey(t => new { t.SummaryId, t.TagId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Summary).WithMany(s => s.Tags).HasForeignKey(t => t.SummaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
