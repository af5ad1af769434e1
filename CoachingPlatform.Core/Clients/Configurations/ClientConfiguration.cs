using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Clients.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.NormalizedName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.EncryptedEmail).HasMaxLength(1000);
        builder.Property(c => c.EmailHash).HasMaxLength(128);
        builder.Property(c => c.Aliases).IsRequired();

        builder.HasIndex(c => new { c.OrganizationId, c.NormalizedName });
        builder.HasIndex(c => new { c.OrganizationId, c.EmailHash });
    }
}
