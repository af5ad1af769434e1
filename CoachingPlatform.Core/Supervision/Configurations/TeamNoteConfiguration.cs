using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Supervision.Configurations;

internal sealed class TeamNoteConfiguration : IEntityTypeConfiguration<TeamNote>
{
    public void Configure(EntityTypeBuilder<TeamNote> builder)
    {
        builder.HasKey(n => n.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Coach>().WithMany().HasForeignKey(n => n.AuthorCoachId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Session>().WithMany().HasForeignKey(n => n.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Coach>().WithMany().HasForeignKey(n => n.CoachId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.Body).IsRequired();

        builder.ToTable(table =>
        {
            table.HasCheckConstraint("ck_team_notes_quality_rating", "quality_rating BETWEEN 1 AND 5");
            table.HasCheckConstraint("ck_team_notes_subject", "session_id IS NOT NULL OR coach_id IS NOT NULL");
        });
    }
}
