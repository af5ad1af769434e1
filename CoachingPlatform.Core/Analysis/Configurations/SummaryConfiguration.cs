using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Analysis.Configurations;

internal sealed class SummaryConfiguration : IEntityTypeConfiguration<Summary>
{
    public void Configure(EntityTypeBuilder<Summary> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.ClientSession)
            .WithOne(cs => cs.Summary)
            .HasForeignKey<Summary>(s => s.ClientSessionId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ClientSessionId).IsUnique();
        builder.HasOne<Coach>().WithMany().HasForeignKey(s => s.ApprovedById).OnDelete(DeleteBehavior.SetNull);

        builder.OwnsOne(s => s.AiContent, SummaryContentMapping.MapAsJson);
        builder.Navigation(s => s.AiContent).IsRequired();
        builder.OwnsOne(s => s.CoachContent, SummaryContentMapping.MapAsJson);

        builder.Property(s => s.SearchText).IsRequired();
        builder.HasGeneratedTsVectorColumn(s => s.SearchVector, "english", s => new { s.SearchText })
            .HasIndex(s => s.SearchVector)
            .HasMethod("GIN");

        builder.Property(s => s.PromptVersion).HasMaxLength(32);
        builder.Property(s => s.Model).HasMaxLength(100);
        builder.Property(s => s.Version).IsRowVersion();
    }
}
