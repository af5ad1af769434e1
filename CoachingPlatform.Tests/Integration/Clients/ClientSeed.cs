using System.Text;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.FollowUps;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Core.Refinement;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Tags;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CoachingPlatform.Tests.Integration.Clients;

/// <summary>The rows seeded for one client: the client and one participation with everything hanging off it.</summary>
internal sealed record SeededClient(
    Guid OrganizationId, Guid ClientId, string Name, string? Email, string Alias, Guid SessionId, string TranscriptText,
    Guid ClientSessionId, Guid SummaryId, Guid RevisionId, Guid FollowUpId, Guid TagId);

/// <summary>
/// Seeds clients straight into the test database (the API has no "create client": ingest creates them). Emails and
/// transcripts are encrypted through the app's own <see cref="PersonalDataProtector"/>, as the product stores them.
/// Names carry a unique token so a test can find its own rows with <c>search</c>.
/// </summary>
internal static class ClientSeed
{
    private static readonly Lazy<string> PasswordHash = new(() => new PasswordHasher<Coach>().HashPassword(null!, ApiFactory.Password));

    public static string Token() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>An extra coach in the organisation (able to sign in with <see cref="ApiFactory.Password"/>).</summary>
    public static async Task<(Guid Id, string Email)> CoachAsync(ApiFactory api, Guid organizationId, CoachRole role, Guid? leadId)
    {
        var coach = new Coach
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Email = $"extra.{Token()}@example.test",
            Name = "Extra Coach",
            Role = role,
            LeadId = leadId,
            PasswordHash = PasswordHash.Value,
        };
        await using var db = api.CreateDbContext();
        db.Coaches.Add(coach);
        await db.SaveChangesAsync();
        return (coach.Id, coach.Email);
    }

    /// <summary>
    /// A client who took part in a new session of <paramref name="coachId"/>: participation, summary with a revision and
    /// a tag, follow-up, client tag; the session's transcript and participant hints name the client.
    /// </summary>
    public static async Task<SeededClient> ClientWithSessionAsync(
        ApiFactory api, Guid organizationId, Guid coachId, string name, DateOnly? sessionDate = null, string? email = null)
    {
        var protector = api.Services.GetRequiredService<PersonalDataProtector>();
        var clientId = Guid.CreateVersion7();
        var alias = name.Split(' ')[0] + "y";
        var transcript = $"Coach: Welcome everyone.\n{name}: I finally told my doctor about the insomnia {Token()}.\n";
        var client = new Client
        {
            Id = clientId,
            OrganizationId = organizationId,
            Name = name,
            NormalizedName = ClientNames.Normalize(name),
            EncryptedEmail = email is null ? null : protector.ProtectEmail(clientId, email),
            EmailHash = email is null ? null : protector.HashEmail(organizationId, email),
            Aliases = [alias],
            EngagementScore = 0.6,
        };
        var session = NewSession(organizationId, coachId, sessionDate ?? new DateOnly(2026, 10, 1), protector.ProtectTranscript(Encoding.UTF8.GetBytes(transcript)));
        session.ParticipantHints = [name, "Somebody Else"];
        var participation = Participation(organizationId, session.Id, clientId, name);
        var summary = new Summary
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            ClientSessionId = participation.Id,
            AiContent = new SummaryContent { Narrative = $"{name} talked about sleep." },
            SearchText = $"{name} talked about sleep.",
        };
        var revision = new SummaryRevision
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            SummaryId = summary.Id,
            Number = 1,
            Kind = RevisionKind.Ai,
            Content = new SummaryContent { Narrative = $"{name} talked about sleep." },
        };
        var followUp = new FollowUp
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            SummaryId = summary.Id,
            Subject = "Your session recap",
            Body = $"Hi {name}, thanks for joining.",
        };
        var tag = new Tag { Id = Guid.CreateVersion7(), OrganizationId = organizationId, Name = "Sleep", Path = $"Health > Sleep {Token()}" };

        await using var db = api.CreateDbContext();
        db.AddRange(client, session, participation, summary, revision, followUp, tag);
        db.ClientTags.Add(new ClientTag { ClientId = clientId, TagId = tag.Id, OrganizationId = organizationId });
        db.SummaryTags.Add(new SummaryTag { SummaryId = summary.Id, TagId = tag.Id, OrganizationId = organizationId });
        await db.SaveChangesAsync();
        return new SeededClient(
            organizationId, clientId, name, email, alias, session.Id, transcript, participation.Id, summary.Id, revision.Id, followUp.Id, tag.Id);
    }

    /// <summary>A client with no session at all (only an admin sees them).</summary>
    public static async Task<Guid> ClientWithoutSessionAsync(ApiFactory api, Guid organizationId, string name)
    {
        var client = new Client { Id = Guid.CreateVersion7(), OrganizationId = organizationId, Name = name, NormalizedName = ClientNames.Normalize(name) };
        await using var db = api.CreateDbContext();
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    /// <summary>Adds another session of <paramref name="coachId"/> in which the client took part.</summary>
    public static async Task<Guid> AddSessionAsync(
        ApiFactory api, Guid organizationId, Guid coachId, Guid clientId, DateOnly date, string title, EngagementLevel level = EngagementLevel.Medium)
    {
        var protector = api.Services.GetRequiredService<PersonalDataProtector>();
        var session = NewSession(organizationId, coachId, date, protector.ProtectTranscript(Encoding.UTF8.GetBytes("Coach: hello")));
        session.Title = title;
        var participation = Participation(organizationId, session.Id, clientId, "Speaker 2");
        participation.EngagementLevel = level;
        await using var db = api.CreateDbContext();
        db.AddRange(session, participation);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private static Session NewSession(Guid organizationId, Guid coachId, DateOnly date, byte[] transcript) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        CoachId = coachId,
        Title = $"Workshop {date:yyyy-MM-dd}",
        SessionDate = date,
        SessionType = "group",
        ParticipantCount = 2,
        Status = SessionStatus.ReadyForReview,
        TranscriptFileName = "workshop.txt",
        TranscriptFormat = "text",
        TranscriptCiphertext = transcript,
        TranscriptSizeBytes = transcript.Length,
    };

    private static ClientSession Participation(Guid organizationId, Guid sessionId, Guid clientId, string speaker) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        SessionId = sessionId,
        ClientId = clientId,
        SpeakerLabel = speaker,
        SpeakingSeconds = 120,
        SpeakingShare = 0.25,
        TurnCount = 4,
        EngagementLevel = EngagementLevel.High,
        PriorityScore = 0.7,
        PriorityRank = 1,
    };
}
