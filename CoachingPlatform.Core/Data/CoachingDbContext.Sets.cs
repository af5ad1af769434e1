using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.FollowUps;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Refinement;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Supervision;
using CoachingPlatform.Core.Tags;
using CoachingPlatform.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.Data;

public sealed partial class CoachingDbContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Coach> Coaches => Set<Coach>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<ClientSession> ClientSessions => Set<ClientSession>();
    public DbSet<Summary> Summaries => Set<Summary>();
    public DbSet<SummaryRevision> SummaryRevisions => Set<SummaryRevision>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<SessionTag> SessionTags => Set<SessionTag>();
    public DbSet<ClientTag> ClientTags => Set<ClientTag>();
    public DbSet<SummaryTag> SummaryTags => Set<SummaryTag>();
    public DbSet<TeamNote> TeamNotes => Set<TeamNote>();
    public DbSet<JobRecord> Jobs => Set<JobRecord>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
}
