using CoachingPlatform.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CoachingPlatform.Core.Sessions.Configurations;

internal sealed class ClientSessionConfiguration : IEntityTypeConfiguration<ClientSession>
{
    public void Configure(EntityTypeBuilder<ClientSession> builder)
    {
        builder.HasKey(cs => cs.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(cs => cs.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(cs => cs.Session).WithMany(s => s.Participants).HasForeignKey(cs => cs.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(cs => cs.Client).WithMany(c => c.Sessions).HasForeignKey(cs => cs.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(cs => cs.SpeakerLabel).HasMaxLength(200).IsRequired();

        builder.HasIndex(cs => new { cs.SessionId, cs.ClientId }).IsUnique();
    }
}
