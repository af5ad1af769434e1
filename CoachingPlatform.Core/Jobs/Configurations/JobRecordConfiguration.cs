using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Jobs.Configurations;

internal sealed class JobRecordConfiguration : IEntityTypeConfiguration<JobRecord>
{
    public void Configure(EntityTypeBuilder<JobRecord> builder)
    {
        // Table and column names are fixed here because JobQueue claims rows with raw SQL.
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Type).HasMaxLength(100).IsRequired();
        builder.Property(j => j.Payload).HasColumnType("jsonb").IsRequired();
        builder.Property(j => j.LeaseOwner).HasMaxLength(200);
        builder.Property(j => j.LastError).HasMaxLength(4000);
        builder.Property(j => j.TraceParent).HasMaxLength(128);

        // The claim query scans only claimable rows: pending ones by due time, running ones by lease expiry.
        builder.HasIndex(j => j.RunAfter)
            .HasDatabaseName("ix_jobs_pending_run_after")
            .HasFilter("status = 'Pending'");
        builder.HasIndex(j => j.LeaseExpiresAt)
            .HasDatabaseName("ix_jobs_running_lease")
            .HasFilter("status = 'Running'");
        builder.HasIndex(j => new { j.Type, j.Status });
    }
}
