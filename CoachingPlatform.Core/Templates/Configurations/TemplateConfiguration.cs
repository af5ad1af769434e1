using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Templates.Configurations;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public void Configure(EntityTypeBuilder<Template> builder)
    {
        builder.HasKey(t => t.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Coach>().WithMany().HasForeignKey(t => t.OwnerCoachId).OnDelete(DeleteBehavior.Cascade);

        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property(t => t.SessionType).HasMaxLength(64);
        builder.Property(t => t.Content).IsRequired();
        builder.Property(t => t.RequiredVariables).IsRequired();

        builder.HasIndex(t => new { t.OrganizationId, t.Kind, t.SessionType });
    }
}
