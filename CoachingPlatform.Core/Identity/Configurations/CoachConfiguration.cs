using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Identity.Configurations;

internal sealed class CoachConfiguration : IEntityTypeConfiguration<Coach>
{
    public void Configure(EntityTypeBuilder<Coach> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);

        // citext: emails compare case-insensitively in the unique indexes and in login lookups.
        builder.Property(c => c.Email).HasColumnType("citext").HasMaxLength(320).IsRequired();
        builder.HasIndex(c => new { c.OrganizationId, c.Email }).IsUnique();
        // Login is by email alone, so an address may belong to only one coach across all organisations.
        builder.HasIndex(c => c.Email).IsUnique();

        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.PasswordHash).HasMaxLength(500);
        builder.HasOne(c => c.Lead).WithMany().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.SetNull);

        builder.OwnsOne(c => c.VoiceProfile, voice => voice.ToJson());
        builder.Navigation(c => c.VoiceProfile).IsRequired();
        builder.OwnsOne(c => c.NotificationPreferences, preferences => preferences.ToJson());
        builder.Navigation(c => c.NotificationPreferences).IsRequired();
    }
}
