using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CoachingPlatform.Core.Analysis.Prompts;
using CoachingPlatform.Core.Transcripts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Core.Analysis.OpenAI;

/// <summary>
/// Summarises a participant through an <see cref="IChatClient"/> (OpenAI or any OpenAI-compatible server) with typed
/// structured output (JSON schema, temperature 0) and the versioned <see cref="ParticipantSummaryPrompt"/>. A
/// transcript too long for the model's context is analysed in overlapping chunks of whole turns and the results are
/// merged; nothing is truncated. Stateless and thread-safe.
/// </summary>
public sealed class OpenAiParticipantAnalyzer(
    IChatClient chatClient,
    IOptions<OpenAiOptions> options,
    TimeProvider timeProvider,
    ILogger<OpenAiParticipantAnalyzer> logger) : IParticipantAnalyzer
{
    public const string AnalyzerName = "openai";

    // Web defaults: camelCase names in the schema, case-insensitive reading, numbers accepted when quoted.
    private static readonly JsonSerializerOptions SerializerOptions = CreateSerializerOptions();

    // The schema travels in every request (response_format) and so takes part of the context window.
    private static readonly Lazy<string> SchemaText = new(() =>
        AIJsonUtilities.CreateJsonSchema(typeof(ParticipantSummaryOutput), serializerOptions: SerializerOptions).GetRawText());

    // Role markers and separators of the two messages, as OpenAI counts them (a few tokens a message; generous).
    private const int MessageOverheadTokens = 16;

    public string Name => AnalyzerName;

    public async Task<ParticipantAnalysis> AnalyseAsync(ParticipantAnalysisRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = timeProvider.GetTimestamp();
        var turns = request.Turns;
        var participantLabels = new HashSet<string>(request.ParticipantLabels, StringComparer.OrdinalIgnoreCase);
        bool IsParticipant(int position) => participantLabels.Contains(turns[position].Speaker);

        if (!Enumerable.Range(0, turns.Count).Any(IsParticipant))
        {
            // Nothing of theirs to ground a summary in: asking the model could only invite invention.
            OpenAiLog.NoParticipantTurns(logger, request.SessionId);
            return Silent(request, settings);
        }

        var systemMessage = ParticipantSummaryPrompt.BuildSystemMessage(request.Instructions);
        var lines = turns.Select(ParticipantSummaryPrompt.FormatTurn).ToArray();
        var counter = TokenCounter.ForModel(settings.ChatModel);
        var lineTokens = lines.Select(l => counter.Count(l) + 1).ToArray();
        var transcriptTokens = lineTokens.Sum();
        var longestHeader = ParticipantSummaryPrompt.BuildHeader(request, new TranscriptPart(999, 999, int.MaxValue, int.MaxValue));
        var fixedTokens = counter.Count(systemMessage) + counter.Count(longestHeader) + counter.Count(SchemaText.Value) + MessageOverheadTokens;
        var budget = settings.MaxContextTokens - settings.ReserveTokens - fixedTokens;
        if (budget <= 0)
        {
            throw Reject(request, "context too small",
                $"AI:OpenAI:MaxContextTokens ({settings.MaxContextTokens}) leaves no room for the transcript after the prompt and the answer reserve.");
        }

        IReadOnlyList<TurnRange> chunks;
        try
        {
            chunks = transcriptTokens <= budget
                ? [new TurnRange(0, turns.Count)]
                : TranscriptChunker.Split(lineTokens, IsParticipant, budget, settings.ChunkOverlapTurns);
        }
        catch (TranscriptTooLargeException e)
        {
            throw Reject(request, "turn too large", $"Turn {turns[e.Position].Index} alone does not fit the model's context; it is not cut.", e);
        }

        OpenAiLog.Starting(logger, request.SessionId, settings.ChatModel, ParticipantSummaryPrompt.Version, turns.Count, transcriptTokens, chunks.Count);
        if (chunks.Count > 1)
        {
            OpenAiLog.Chunked(logger, request.SessionId, transcriptTokens, budget, settings.ChatModel, chunks.Count);
        }

        var chatOptions = new ChatOptions
        {
            ModelId = settings.ChatModel,
            Temperature = 0f,
            MaxOutputTokens = settings.MaxOutputTokens,
        };

        var parts = new List<ParticipantAnalysis>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            TranscriptPart? part = chunks.Count == 1
                ? null
                : new TranscriptPart(i + 1, chunks.Count, turns[chunk.Start].Index, turns[chunk.End - 1].Index);
            List<ChatMessage> messages =
            [
                new(ChatRole.System, systemMessage),
                new(ChatRole.User, ParticipantSummaryPrompt.BuildUserMessage(request, lines[chunk.Start..chunk.End], part)),
            ];

            // Chunks one after the other: the pipeline already runs several participants at once, and its bound on
            // parallelism is what keeps us within the provider's rate limits.
            var response = await chatClient.GetResponseAsync<ParticipantSummaryOutput>(
                messages, SerializerOptions, chatOptions, useJsonSchemaResponseFormat: true, cancellationToken);
            parts.Add(Map(request, settings, response));
        }

        var analysis = AnalysisMerger.Merge(parts);
        OpenAiLog.Completed(logger, request.SessionId, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds,
            chunks.Count, analysis.Usage.InputTokens, analysis.Usage.OutputTokens);
        return analysis;
    }

    private ParticipantAnalysis Map(ParticipantAnalysisRequest request, OpenAiOptions settings, ChatResponse<ParticipantSummaryOutput> response)
    {
        var contents = response.Messages.SelectMany(m => m.Contents).ToArray();
        if (contents.OfType<ErrorContent>().Any() || response.FinishReason == ChatFinishReason.ContentFilter)
        {
            // OpenAI reports a refusal as message.refusal (surfaced as error content) or a content-filter finish.
            throw Reject(request, "refusal", "The provider refused to summarise the participant.");
        }

        if (string.IsNullOrWhiteSpace(response.Text))
        {
            throw Reject(request, "empty", "The provider answered with no content.");
        }

        ParticipantSummaryOutput? output;
        try
        {
            output = response.Result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            throw Reject(request, "malformed", "The provider's answer is not valid JSON for the summary schema.", e);
        }

        if (output is null)
        {
            throw Reject(request, "malformed", "The provider's answer is not valid JSON for the summary schema.");
        }

        var usage = new AnalysisUsage(
            AnalyzerName,
            response.ModelId ?? settings.ChatModel,
            ParticipantSummaryPrompt.Version,
            ToInt(response.Usage?.InputTokenCount),
            ToInt(response.Usage?.OutputTokenCount));

        // A model may leave out a field its schema marks as required; treat a missing list as empty, not as an error.
        return new ParticipantAnalysis(
            output.Narrative?.Trim() ?? string.Empty,
            (output.Bullets ?? []).Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim()).ToArray(),
            Items(output.Wins),
            Items(output.Challenges),
            (output.ActionItems ?? [])
                .Where(a => a is not null && !string.IsNullOrWhiteSpace(a.Text))
                .Select(a => new ExtractedActionItem(a.Text.Trim(), Blank(a.Owner), ParseDue(a.Due), Evidence(a.Evidence)))
                .ToArray(),
            Items(output.Recommendations),
            new ParticipantSignals(
                output.Breakthrough?.Present == true, SignalEvidence(output.Breakthrough),
                output.Urgent?.Present == true, SignalEvidence(output.Urgent),
                output.Confused?.Present == true, SignalEvidence(output.Confused)),
            usage);
    }

    private static ExtractedItem[] Items(IReadOnlyList<EvidencedItemOutput>? items) =>
        (items ?? [])
            .Where(i => i is not null && !string.IsNullOrWhiteSpace(i.Text))
            .Select(i => new ExtractedItem(i.Text.Trim(), Evidence(i.Evidence)))
            .ToArray();

    // Evidence is passed on as the model gave it (sorted, distinct): the quality gate, not the analyser, decides
    // what an index that is not in the transcript means.
    private static int[] Evidence(IReadOnlyList<int>? evidence) => (evidence ?? []).Distinct().Order().ToArray();

    private static int[] SignalEvidence(SignalOutput? signal) => signal is { Present: true } ? Evidence(signal.Evidence) : [];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? ParseDue(string? due) =>
        DateOnly.TryParseExact(due?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int ToInt(long? tokens) => tokens is null ? 0 : (int)Math.Min(tokens.Value, int.MaxValue);

    private static ParticipantAnalysis Silent(ParticipantAnalysisRequest request, OpenAiOptions settings) => new(
        string.Create(CultureInfo.InvariantCulture, $"{request.ParticipantName} did not speak in this session."),
        [], [], [], [], [], ParticipantSignals.None,
        new AnalysisUsage(AnalyzerName, settings.ChatModel, ParticipantSummaryPrompt.Version, 0, 0));

    private AnalysisRejectedException Reject(ParticipantAnalysisRequest request, string reason, string message, Exception? inner = null)
    {
        OpenAiLog.Rejected(logger, request.SessionId, reason);
        return new AnalysisRejectedException(message, inner);
    }

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var serializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        serializerOptions.MakeReadOnly();
        return serializerOptions;
    }
}
