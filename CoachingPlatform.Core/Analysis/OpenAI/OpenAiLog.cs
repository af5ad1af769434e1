using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Core.Analysis.OpenAI;

/// <summary>Log messages of the OpenAI-compatible analyser: ids, counts and reason codes only, never transcript text.</summary>
internal static partial class OpenAiLog
{
    [LoggerMessage(5101, LogLevel.Debug,
        "Analysing a participant of session {SessionId} with {Model} (prompt {PromptVersion}): {Turns} turns, {TranscriptTokens} transcript tokens, {Chunks} request(s)")]
    public static partial void Starting(ILogger logger, Guid sessionId, string model, string promptVersion, int turns, int transcriptTokens, int chunks);

    [LoggerMessage(5102, LogLevel.Information,
        "Session {SessionId}: transcript of {TranscriptTokens} tokens exceeds the {Budget}-token budget of {Model}; analysed in {Chunks} overlapping chunks")]
    public static partial void Chunked(ILogger logger, Guid sessionId, int transcriptTokens, int budget, string model, int chunks);

    [LoggerMessage(5103, LogLevel.Information,
        "Analysed a participant of session {SessionId} in {ElapsedMs} ms: {Chunks} request(s), {InputTokens} input and {OutputTokens} output tokens")]
    public static partial void Completed(ILogger logger, Guid sessionId, long elapsedMs, int chunks, int inputTokens, int outputTokens);

    [LoggerMessage(5104, LogLevel.Warning, "The provider's answer for a participant of session {SessionId} was rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, Guid sessionId, string reason);

    [LoggerMessage(5105, LogLevel.Debug, "A participant of session {SessionId} has no turns; summarised without a provider call")]
    public static partial void NoParticipantTurns(ILogger logger, Guid sessionId);
}
