using System.Net;
using System.Text.Json;

namespace CoachingPlatform.Tests.Infrastructure.FakeOpenAi;

/// <summary>What the fake server does with one request. Build with the factory methods; <see cref="After"/> adds latency.</summary>
public sealed record FakeReply
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private FakeReply(FakeReplyKind kind) => Kind = kind;

    public FakeReplyKind Kind { get; private init; }

    /// <summary>The assistant message content (chat) – JSON text for structured output, or plain text.</summary>
    public string? Content { get; private init; }

    /// <summary>For streaming requests: the content deltas, sent one SSE chunk each, in order.</summary>
    public IReadOnlyList<string>? Deltas { get; private init; }

    /// <summary>The refusal text (<c>message.refusal</c>; content is null).</summary>
    public string? Refusal { get; private init; }

    public HttpStatusCode StatusCode { get; private init; } = HttpStatusCode.OK;

    /// <summary>Sent as <c>Retry-After</c> (whole seconds) with an error status.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    public int PromptTokens { get; private init; } = 120;

    public int CompletionTokens { get; private init; } = 40;

    /// <summary>Wait this long before answering (a slow provider).</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>Embeddings: answer with float arrays even when the client asked for base64.</summary>
    public bool ForceFloatEmbeddings { get; private init; }

    /// <summary>A chat completion whose message content is <paramref name="content"/> (streamed word by word when the request streams).</summary>
    public static FakeReply Text(string content, int promptTokens = 120, int completionTokens = 40) =>
        new(FakeReplyKind.Completion) { Content = content, PromptTokens = promptTokens, CompletionTokens = completionTokens };

    /// <summary>A chat completion whose content is <paramref name="value"/> serialised as camelCase JSON.</summary>
    public static FakeReply Json<T>(T value, int promptTokens = 120, int completionTokens = 40) =>
        Text(JsonSerializer.Serialize(value, Web), promptTokens, completionTokens);

    /// <summary>A completion whose content is cut-off JSON (what a model that ran out of tokens produces).</summary>
    public static FakeReply MalformedJson() => Text("{\"narrative\": \"Maria talked about her wal", 120, 4000);

    /// <summary>A completion with <c>message.refusal</c> set and no content.</summary>
    public static FakeReply Refused(string refusal = "I'm sorry, but I can't help with that request.") =>
        new(FakeReplyKind.Completion) { Refusal = refusal, CompletionTokens = 12 };

    /// <summary>A streamed completion with exactly these content deltas (a non-streaming request gets them joined).</summary>
    public static FakeReply Stream(params string[] deltas) =>
        new(FakeReplyKind.Completion) { Deltas = deltas, Content = string.Concat(deltas) };

    /// <summary>An OpenAI-style error body with this status (and <c>Retry-After</c> when given).</summary>
    public static FakeReply Error(HttpStatusCode status, TimeSpan? retryAfter = null) =>
        new(FakeReplyKind.Error) { StatusCode = status, RetryAfter = retryAfter };

    /// <summary>429 with <c>Retry-After</c>.</summary>
    public static FakeReply TooManyRequests(TimeSpan retryAfter) => Error(HttpStatusCode.TooManyRequests, retryAfter);

    /// <summary>500.</summary>
    public static FakeReply ServerError() => Error(HttpStatusCode.InternalServerError);

    /// <summary>Never answers: the request hangs until the client gives up (or the server stops).</summary>
    public static FakeReply Hang() => new(FakeReplyKind.Hang);

    /// <summary>Embeddings computed from the input (<see cref="FakeOpenAiServer.VectorFor"/>), in the requested encoding.</summary>
    public static FakeReply Embeddings() => new(FakeReplyKind.Embeddings);

    /// <summary>Embeddings as float arrays even when base64 was asked for (servers that ignore <c>encoding_format</c>).</summary>
    public static FakeReply FloatEmbeddings() => new(FakeReplyKind.Embeddings) { ForceFloatEmbeddings = true };

    /// <summary>The same reply after <paramref name="delay"/>.</summary>
    public FakeReply After(TimeSpan delay) => this with { Delay = delay };
}

public enum FakeReplyKind
{
    Completion,
    Embeddings,
    Error,
    Hang,
}
