using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Sessions.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Coach).WithMany().HasForeignKey(s => s.CoachId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(s => s.Title).HasMaxLength(300).IsRequired();
        builder.Property(s => s.SessionType).HasMaxLength(64).IsRequired();
        builder.Property(s => s.StatusReason).HasMaxLength(1000);
        builder.Property(s => s.Metadata).HasColumnType("jsonb");
        builder.Property(s => s.CoachSpeaker).HasMaxLength(200);
        builder.Property(s => s.ParticipantHints).IsRequired();
        builder.Property(s => s.TranscriptFileName).HasMaxLength(260).IsRequired();
        builder.Property(s => s.TranscriptFormat).HasMaxLength(32);
        builder.Property(s => s.TranscriptCiphertext).IsRequired();
        builder.Property(s => s.IdempotencyKey).HasMaxLength(200);
        builder.Property(s => s.Version).IsRowVersion();

        // A retried upload with the same Idempotency-Key finds the first session instead of creating a second.
        builder.HasIndex(s => new { s.OrganizationId, s.CoachId, s.IdempotencyKey })
            .IsUnique()
            .HasFilter("idempotency_key IS NOT NULL");
        builder.HasIndex(s => new { s.OrganizationId, s.CoachId, s.SessionDate });
        builder.HasIndex(s => new { s.OrganizationId, s.Status });
    }
}
