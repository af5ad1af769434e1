using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.FollowUps.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.HasKey(f => f.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.Summary).WithOne().HasForeignKey<FollowUp>(f => f.SummaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.SummaryId).IsUnique();
        builder.HasOne<Template>().WithMany().HasForeignKey(f => f.TemplateId).OnDelete(DeleteBehavior.SetNull);

        builder.Property(f => f.Subject).HasMaxLength(300).IsRequired();
        builder.Property(f => f.Body).IsRequired();
        builder.Property(f => f.ProviderMessageId).HasMaxLength(200);
        builder.Property(f => f.FailureReason).HasMaxLength(2000);
        builder.Property(f => f.Version).IsRowVersion();

        // The scheduler's scan: due follow-ups of one status, oldest first.
        builder.HasIndex(f => new { f.OrganizationId, f.Status, f.ScheduledAt });
    }
}
