using System.Security.Cryptography;
using System.Text.Json;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Core.Sessions;

/// <summary>
/// Development only: gives the demo coach the bundled sample workshop (<c>samples/workshop.vtt</c>, embedded in this
/// assembly) and enqueues its ingestion, so a newcomer sees a processed session on first start. Runs once: it does
/// nothing when the demo coach already has the sample (matched by idempotency key) or does not exist.
/// </summary>
public sealed class SampleSessionSeeder(PersonalDataProtector protector, TimeProvider time, IOptions<JobOptions> jobOptions) : IDatabaseSeeder
{
    public const string DemoCoachEmail = "demo@coaching.local";
    private const string IdempotencyKey = "development-seed-sample-workshop";
    private const string ResourceName = "CoachingPlatform.Core.Samples.workshop.vtt";

    public async Task SeedAsync(CoachingDbContext db, CancellationToken cancellationToken)
    {
        var coach = await db.Coaches.FirstOrDefaultAsync(c => c.Email == DemoCoachEmail, cancellationToken);
        if (coach is null || await db.Sessions.AnyAsync(s => s.CoachId == coach.Id && s.IdempotencyKey == IdempotencyKey, cancellationToken))
        {
            return;
        }

        byte[] content;
        await using (var stream = typeof(SampleSessionSeeder).Assembly.GetManifestResourceStream(ResourceName)
                                  ?? throw new InvalidOperationException($"The embedded sample {ResourceName} is missing."))
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        var now = time.GetUtcNow();
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = coach.OrganizationId,
            CoachId = coach.Id,
            Title = "Momentum Lab — week 3 (sample)",
            SessionDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1),
            SessionType = "group",
            Status = SessionStatus.Uploaded,
            TranscriptFileName = "workshop.vtt",
            TranscriptFormat = nameof(Transcripts.TranscriptFormat.WebVtt),
            TranscriptCiphertext = protector.ProtectTranscript(content),
            TranscriptSizeBytes = content.LongLength,
            IdempotencyKey = IdempotencyKey,
            Metadata = JsonSerializer.Serialize(new Dictionary<string, string> { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(content)) }),
        };
        db.Sessions.Add(session);
        new JobQueue(db, time, jobOptions).Enqueue(new IngestSessionJob(session.Id), session.OrganizationId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
