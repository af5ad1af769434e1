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
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Tests.Integration.Data;

/// <summary>
/// One connected set of rows holding an instance of every entity type, each with every optional field set to a
/// non-default value, so a column that is mapped wrongly (or not at all) shows up as a difference on read-back.
/// Times are whole microseconds in UTC because that is what <c>timestamptz</c> stores.
/// </summary>
internal sealed class EntityGraph
{
    private static readonly DateTimeOffset Moment = new(2026, 10, 1, 8, 30, 15, 123, 456, TimeSpan.Zero);

    private EntityGraph()
    {
        Organization = new Organization { Id = Guid.CreateVersion7(), Name = "Round Trip Coaching", Slug = "round-trip" };
        Lead = new Coach
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            Email = "lead@round-trip.test",
            Name = "Lena Lead",
            Role = CoachRole.CoachLead,
        };
        Coach = new Coach
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            Email = "Casey.Coach@Round-Trip.test",
            Name = "Casey Coach",
            Role = CoachRole.Admin,
            LeadId = Lead.Id,
            PasswordHash = "AQAAAAIAAYagAAAAEExampleHashValueForRoundTrip==",
            VoiceProfile = new VoiceProfile { Tone = "warm", Phrases = ["Great work", "Let's build on that"], SignOff = "Cheers, Casey" },
            NotificationPreferences = new NotificationPreferences
            {
                Mode = NotificationMode.DailyDigest,
                QuietHoursStart = new TimeOnly(21, 30, 15, 250),
                QuietHoursEnd = new TimeOnly(7, 5),
                TimeZone = "Europe/Berlin",
            },
            LastLoginAt = Moment.AddDays(-1),
            FailedLoginCount = 2,
            LockoutEndsAt = Moment.AddMinutes(15),
            DeactivatedAt = Moment.AddDays(30),
        };
        AuditEvent = new AuditEvent
        {
            OrganizationId = Organization.Id,
            ActorCoachId = Coach.Id,
            Action = "update",
            EntityType = "summary",
            EntityId = Guid.CreateVersion7(),
            OccurredAt = Moment,
            IpAddress = "203.0.113.7",
            UserAgent = "Mozilla/5.0 (RoundTrip)",
            // jsonb stores a normalised form; this is already it, so the text reads back unchanged.
            Details = """{"field": "narrative"}""",
        };
        Client = new Client
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            Name = "Sam Client",
            NormalizedName = "sam client",
            EncryptedEmail = "v1:bm90LXJlYWxseS1lbmNyeXB0ZWQ=",
            EmailHash = "3f1c0a9e2b",
            Aliases = ["Sam", "Sammy", "S. Client"],
            EngagementScore = 0.75,
            ErasedAt = Moment.AddYears(1),
        };
        Session = NewSession(Organization.Id, Coach.Id, "upload-1");
        ClientSession = new ClientSession
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            SessionId = Session.Id,
            ClientId = Client.Id,
            SpeakerLabel = "Speaker 2",
            SpeakingSeconds = 612.5,
            SpeakingShare = 0.3125,
            TurnCount = 14,
            QuestionCount = 3,
            WordCount = 1480,
            EngagementLevel = EngagementLevel.Low,
            Breakthrough = true,
            Urgent = true,
            Confused = true,
            PriorityScore = 0.82,
            PriorityRank = 1,
        };
        Summary = new Summary
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            ClientSessionId = ClientSession.Id,
            Status = SummaryStatus.Approved,
            AiContent = Content("AI"),
            CoachContent = Content("Coach"),
            QualityScore = 0.91,
            NeedsReview = true,
            ApprovedAt = Moment.AddHours(2),
            ApprovedById = Lead.Id,
            SearchText = "Sam discussed procrastination and agreed on a morning planning routine",
            PromptVersion = "summary-v3",
            Model = "gpt-4.1-mini",
            InputTokens = 5123,
            OutputTokens = 812,
            CurrentRevision = 2,
        };
        Revision = new SummaryRevision
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            SummaryId = Summary.Id,
            Number = 2,
            Kind = RevisionKind.Command,
            AuthorCoachId = Coach.Id,
            Command = "Make it shorter and more encouraging",
            Content = Content("Revision"),
        };
        Template = new Template
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            Name = "Warm follow-up",
            Kind = TemplateKind.Email,
            SessionType = "group",
            Content = "Hi {{client_name}}, thanks for {{session_title}}.",
            RequiredVariables = ["client_name", "session_title"],
            OwnerCoachId = Coach.Id,
            IsDefault = true,
        };
        FollowUp = new FollowUp
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            SummaryId = Summary.Id,
            Subject = "Your session recap",
            Body = "Hi Sam, here is what we agreed.",
            TemplateId = Template.Id,
            Status = FollowUpStatus.Failed,
            ScheduledAt = Moment.AddDays(1),
            SentAt = Moment.AddDays(1).AddSeconds(3),
            ProviderMessageId = "0100018f-provider-message",
            FailureReason = "Mailbox unavailable",
            Attempts = 3,
        };
        ParentTag = new Tag { Id = Guid.CreateVersion7(), OrganizationId = Organization.Id, Name = "Client Issues", Path = "Client Issues" };
        Tag = new Tag
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            Name = "Time Management",
            ParentId = ParentTag.Id,
            Path = "Client Issues > Time Management",
        };
        SessionTag = new SessionTag { SessionId = Session.Id, TagId = Tag.Id, OrganizationId = Organization.Id };
        ClientTag = new ClientTag { ClientId = Client.Id, TagId = Tag.Id, OrganizationId = Organization.Id };
        SummaryTag = new SummaryTag { SummaryId = Summary.Id, TagId = Tag.Id, OrganizationId = Organization.Id, Suggested = true };
        TeamNote = new TeamNote
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            AuthorCoachId = Lead.Id,
            SessionId = Session.Id,
            CoachId = Coach.Id,
            Body = "Good use of silence; follow up on the action items.",
            QualityRating = 4,
        };
        Job = new JobRecord
        {
            Id = Guid.CreateVersion7(),
            Type = "sessions.ingest",
            Payload = """{"sessionId": "0b7d3c1e-0000-0000-0000-000000000001"}""",
            OrganizationId = Organization.Id,
            Status = JobStatus.Running,
            Attempts = 2,
            MaxAttempts = 5,
            RunAfter = Moment,
            LeaseOwner = "worker-7",
            LeaseExpiresAt = Moment.AddMinutes(1),
            LastError = "timeout",
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            CompletedAt = Moment.AddMinutes(2),
        };
        RefreshToken = new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Organization.Id,
            CoachId = Coach.Id,
            FamilyId = Guid.CreateVersion7(),
            TokenHash = new string('a', 64),
            ExpiresAt = Moment.AddDays(14),
            RevokedAt = Moment.AddHours(1),
            RevokedReason = "rotated",
            ReplacedById = Guid.CreateVersion7(),
            CreatedByIp = "203.0.113.7",
        };
        DataProtectionKey = new DataProtectionKey
        {
            FriendlyName = "key-6b7f3c9e-1d2a-4c5b-9e8f-0a1b2c3d4e5f",
            Xml = "<key id=\"6b7f3c9e-1d2a-4c5b-9e8f-0a1b2c3d4e5f\" version=\"1\"><creationDate>2026-10-01T08:30:15Z</creationDate></key>",
        };
    }

    public Organization Organization { get; }
    public Coach Lead { get; }
    public Coach Coach { get; }
    public AuditEvent AuditEvent { get; }
    public Client Client { get; }
    public Session Session { get; }
    public ClientSession ClientSession { get; }
    public Summary Summary { get; }
    public SummaryRevision Revision { get; }
    public Template Template { get; }
    public FollowUp FollowUp { get; }
    public Tag ParentTag { get; }
    public Tag Tag { get; }
    public SessionTag SessionTag { get; }
    public ClientTag ClientTag { get; }
    public SummaryTag SummaryTag { get; }
    public TeamNote TeamNote { get; }
    public JobRecord Job { get; }
    public RefreshToken RefreshToken { get; }
    public DataProtectionKey DataProtectionKey { get; }

    /// <summary>Every row of the graph, in no particular order (EF Core orders the inserts by their foreign keys).</summary>
    public IReadOnlyList<object> Rows =>
    [
        Organization, Lead, Coach, AuditEvent, Client, Session, ClientSession, Summary, Revision, Template, FollowUp,
        ParentTag, Tag, SessionTag, ClientTag, SummaryTag, TeamNote, Job, RefreshToken, DataProtectionKey,
    ];

    /// <summary>The one fully populated row of each entity type (Lead and ParentTag leave their optional fields empty).</summary>
    public IReadOnlyList<object> FullyPopulated => Rows.Where(r => r != Lead && r != ParentTag).ToList();

    public static EntityGraph Create() => new();

    /// <summary>The names of the entity types the graph populates (one round-trip case each).</summary>
    public static TheoryData<string> EntityTypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var row in Create().FullyPopulated)
        {
            data.Add(row.GetType().Name);
        }

        return data;
    }

    public async Task SaveAsync(DbContext db)
    {
        db.AddRange(Rows);
        await db.SaveChangesAsync();
    }

    /// <summary>A fully populated session of the given coach (a new one per call, for the unique-index tests).</summary>
    public static Session NewSession(Guid organizationId, Guid coachId, string? idempotencyKey) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        CoachId = coachId,
        Title = "Tuesday group workshop",
        SessionDate = new DateOnly(2026, 9, 29),
        SessionType = "group",
        DurationSeconds = 5400,
        ParticipantCount = 4,
        Status = SessionStatus.NeedsAttention,
        StatusReason = "Two speakers could not be matched to clients",
        Progress = 90,
        Metadata = """{"source": "zoom"}""",
        CoachSpeaker = "Speaker 1",
        ParticipantHints = ["Sam", "Alex"],
        TranscriptFileName = "workshop.vtt",
        TranscriptFormat = "vtt",
        TranscriptCiphertext = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x00],
        // Beyond int range, so an int column would not hold it.
        TranscriptSizeBytes = 5_000_000_123L,
        IdempotencyKey = idempotencyKey,
        DeletedAt = Moment.AddDays(90),
    };

    private static SummaryContent Content(string author) => new()
    {
        Narrative = $"{author}: Sam reflected on procrastination.",
        Bullets = [$"{author} bullet one", $"{author} bullet two"],
        Wins = [new SummaryItem { Text = $"{author} win", Evidence = [3, 7] }],
        Challenges = [new SummaryItem { Text = $"{author} challenge", Evidence = [11] }, new SummaryItem { Text = "second", Evidence = [12, 13] }],
        Recommendations = [new SummaryItem { Text = $"{author} recommendation", Evidence = [20] }],
        ActionItems =
        [
            new ActionItem { Text = $"{author} plan mornings", Owner = "Sam", Due = new DateOnly(2026, 10, 8), Evidence = [21, 22] },
        ],
    };
}
