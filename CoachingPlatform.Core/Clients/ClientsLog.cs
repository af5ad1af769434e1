using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Core.Clients;

/// <summary>Log messages of the clients capability: ids and counts only, never names, emails or aliases.</summary>
internal static partial class ClientsLog
{
    [LoggerMessage(1, LogLevel.Information, "Client {ClientId} updated by coach {CoachId}")]
    public static partial void Updated(ILogger logger, Guid clientId, Guid coachId);

    [LoggerMessage(2, LogLevel.Information,
        "Client {ClientId} erased by coach {CoachId}: {Participations} participation(s), {Summaries} summary(ies), {FollowUps} follow-up(s) removed; {Sessions} session(s) scrubbed")]
    public static partial void Erased(ILogger logger, Guid clientId, Guid coachId, int participations, int summaries, int followUps, int sessions);

    [LoggerMessage(3, LogLevel.Warning, "Erasing client {ClientId} met a concurrent change (attempt {Attempt}); retrying")]
    public static partial void EraseRetried(ILogger logger, Guid clientId, int attempt);
}
