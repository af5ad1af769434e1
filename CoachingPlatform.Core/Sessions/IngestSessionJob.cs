using CoachingPlatform.Core.Jobs;

namespace CoachingPlatform.Core.Sessions;

/// <summary>Parse an uploaded transcript, resolve its participants and measure how each took part.</summary>
public sealed record IngestSessionJob(Guid SessionId) : IJobPayload
{
    public static string JobType => "sessions.ingest";
}
