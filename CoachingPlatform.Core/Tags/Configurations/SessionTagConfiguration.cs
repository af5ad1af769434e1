using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Tags.Configurations;

internal sealed class SessionTagConfiguration : IEntityTypeConfiguration<SessionTag>
{
    public void Configure(EntityTypeBuilder<SessionTag> builder)
    {
        builder.HasKey(t => new { t.SessionId, t.TagId });
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Session).WithMany(s => s.Tags).HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
