using CoachingPlatform.Core.Jobs;

namespace CoachingPlatform.Core.Analysis;

/// <summary>Summarise every participant of a parsed session who has no summary yet, then rank the review queue.</summary>
public sealed record AnalyseSessionJob(Guid SessionId) : IJobPayload
{
    public static string JobType => "sessions.analyse";
}
