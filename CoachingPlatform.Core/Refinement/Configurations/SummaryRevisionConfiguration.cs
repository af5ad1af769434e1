using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Analysis.Configurations;
using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Refinement.Configurations;

internal sealed class SummaryRevisionConfiguration : IEntityTypeConfiguration<SummaryRevision>
{
    public void Configure(EntityTypeBuilder<SummaryRevision> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Summary>().WithMany(s => s.Revisions).HasForeignKey(r => r.SummaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.SummaryId, r.Number }).IsUnique();
        builder.Property(r => r.Command).HasMaxLength(2000);

        builder.OwnsOne(r => r.Content, SummaryContentMapping.MapAsJson);
        builder.Navigation(r => r.Content).IsRequired();
    }
}
