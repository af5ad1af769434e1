using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Tests.Infrastructure.FakeOpenAi;

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 (a free port) for tests: <c>POST /v1/chat/completions</c>
/// (JSON, <c>response_format</c> json_schema, and SSE streaming) and <c>POST /v1/embeddings</c> (float or base64).
/// Every request is recorded. Replies are programmed per call with <see cref="EnqueueChat"/> /
/// <see cref="EnqueueEmbeddings"/> (first in, first out); when a queue is empty <see cref="ChatResponder"/> answers,
/// and without one a valid instance of the requested JSON schema (empty lists, empty strings, false) or "OK".
/// Point a host at it with <see cref="Settings"/>.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public const string ChatPath = "/v1/chat/completions";
    public const string EmbeddingsPath = "/v1/embeddings";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _chatReplies = new();
    private readonly ConcurrentQueue<FakeReply> _embeddingReplies = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _requestsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _completionIds;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>The API base address to configure as <c>AI:OpenAI:Endpoint</c> (<c>http://127.0.0.1:port/v1</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Answers chat requests when the queue is empty (e.g. a pipeline test's per-participant replies).</summary>
    public Func<RecordedRequest, FakeReply>? ChatResponder { get; set; }

    /// <summary>Latency added to every reply (a provider that takes this long per call).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Vector length when the request does not say <c>dimensions</c>.</summary>
    public int EmbeddingDimensions { get; set; } = 8;

    /// <summary>When set, requests without <c>Authorization: Bearer {key}</c> get 401.</summary>
    public string? RequiredApiKey { get; set; } = ApiKey;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requestsLock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> ChatRequests => Requests.Where(r => r.Path == ChatPath).ToArray();

    public IReadOnlyList<RecordedRequest> EmbeddingRequests => Requests.Where(r => r.Path == EmbeddingsPath).ToArray();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost(ChatPath, server.HandleChatAsync);
        app.MapPost(EmbeddingsPath, server.HandleEmbeddingsAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public void EnqueueChat(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _chatReplies.Enqueue(reply);
        }
    }

    public void EnqueueEmbeddings(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _embeddingReplies.Enqueue(reply);
        }
    }

    /// <summary>
    /// Configuration (<c>AI:OpenAI:*</c>) that points <c>AddOpenAiAnalysis</c> at this server, with test-sized timeouts
    /// and back-off; <paramref name="overrides"/> (keys relative to <c>AI:OpenAI</c>, e.g. "MaxRetries") win.
    /// </summary>
    public Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Endpoint"] = Endpoint.ToString(),
            ["ApiKey"] = ApiKey,
            ["ChatModel"] = "gpt-4o-mini",
            ["EmbeddingModel"] = "text-embedding-3-small",
            ["Timeout"] = "00:00:10",
            ["AttemptTimeout"] = "00:00:05",
            ["MaxRetries"] = "3",
            ["RetryBaseDelay"] = "00:00:00.020",
            ["CircuitMinimumThroughput"] = "100",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings.ToDictionary(kv => "AI:OpenAI:" + kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The deterministic unit vector the server returns for <paramref name="text"/>.</summary>
    public static float[] VectorFor(string text, int dimensions)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (seed[i % seed.Length] - 127.5f) / 127.5f + (i / (float)(dimensions * 10));
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleChatAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (!await AuthorisedAsync(context))
        {
            return;
        }

        var reply = _chatReplies.TryDequeue(out var queued) ? queued : ChatResponder?.Invoke(request) ?? DefaultChatReply(request);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (!await PrepareAsync(context, reply, cancellation.Token))
        {
            return;
        }

        var model = request.Model ?? "fake-model";
        var id = "chatcmpl-fake-" + Interlocked.Increment(ref _completionIds).ToString(CultureInfo.InvariantCulture);
        if (request.Streaming)
        {
            var includeUsage = request.Json?["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
            await StreamCompletionAsync(context, id, model, reply, includeUsage, cancellation.Token);
            return;
        }

        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.Refusal is null ? reply.Content ?? string.Empty : null,
            ["refusal"] = reply.Refusal,
        };
        var body = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 1_760_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = Usage(reply.PromptTokens, reply.CompletionTokens),
        };
        await WriteJsonAsync(context, body, cancellation.Token);
    }

    private static async Task StreamCompletionAsync(HttpContext context, string id, string model, FakeReply reply, bool includeUsage, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        JsonObject Chunk(JsonObject? delta, string? finishReason) => new()
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_760_000_000,
            ["model"] = model,
            ["choices"] = delta is null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        };

        async Task SendAsync(JsonNode data)
        {
            await context.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }

        await SendAsync(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null));
        if (reply.Refusal is not null)
        {
            await SendAsync(Chunk(new JsonObject { ["refusal"] = reply.Refusal }, null));
        }
        else
        {
            var deltas = reply.Deltas ?? SplitWords(reply.Content ?? string.Empty);
            foreach (var delta in deltas)
            {
                await SendAsync(Chunk(new JsonObject { ["content"] = delta }, null));
                // A small gap so the client really sees separate network reads.
                await Task.Delay(5, cancellationToken);
            }
        }

        await SendAsync(Chunk(new JsonObject(), "stop"));
        if (includeUsage)
        {
            var usageChunk = Chunk(null, null);
            usageChunk["usage"] = Usage(reply.PromptTokens, reply.CompletionTokens);
            await SendAsync(usageChunk);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private async Task HandleEmbeddingsAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        if (!await AuthorisedAsync(context))
        {
            return;
        }

        var reply = _embeddingReplies.TryDequeue(out var queued) ? queued : FakeReply.Embeddings();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (!await PrepareAsync(context, reply, cancellation.Token))
        {
            return;
        }

        var inputs = request.Json?["input"] switch
        {
            JsonArray array => array.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : i?.ToJsonString() ?? string.Empty).ToArray(),
            JsonValue value when value.TryGetValue<string>(out var single) => [single],
            _ => Array.Empty<string>(),
        };
        var dimensions = request.Json?["dimensions"]?.GetValue<int>() ?? EmbeddingDimensions;
        var base64 = string.Equals(request.Json?["encoding_format"]?.GetValue<string>(), "base64", StringComparison.Ordinal) && !reply.ForceFloatEmbeddings;

        var data = new JsonArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            var vector = VectorFor(inputs[i], dimensions);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64
                    ? JsonValue.Create(Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())))
                    : new JsonArray(vector.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            });
        }

        var tokens = inputs.Sum(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var body = new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = request.Model ?? "fake-embedding-model",
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
        await WriteJsonAsync(context, body, cancellation.Token);
    }

    /// <summary>Applies the delay, error and hang parts of a reply; false when the reply has been fully sent.</summary>
    private async Task<bool> PrepareAsync(HttpContext context, FakeReply reply, CancellationToken cancellationToken)
    {
        try
        {
            var delay = reply.Delay + ResponseDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            if (reply.Kind == FakeReplyKind.Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout) or the server is stopping: nothing more to send.
            return false;
        }

        if (reply.Kind == FakeReplyKind.Error)
        {
            context.Response.StatusCode = (int)reply.StatusCode;
            if (reply.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            var error = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = $"Fake error {(int)reply.StatusCode}",
                    ["type"] = (int)reply.StatusCode == 429 ? "rate_limit_exceeded" : "server_error",
                    ["param"] = null,
                    ["code"] = null,
                },
            };
            await WriteJsonAsync(context, error, CancellationToken.None);
            return false;
        }

        return true;
    }

    private async Task<bool> AuthorisedAsync(HttpContext context)
    {
        if (RequiredApiKey is null || context.Request.Headers.Authorization.ToString() == "Bearer " + RequiredApiKey)
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await WriteJsonAsync(context, new JsonObject { ["error"] = new JsonObject { ["message"] = "Incorrect API key provided.", ["type"] = "invalid_request_error" } }, CancellationToken.None);
        return false;
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(context.Request.Path.Value ?? string.Empty, body, json, headers, DateTimeOffset.UtcNow);
        lock (_requestsLock)
        {
            _requests.Add(recorded);
        }

        return recorded;
    }

    private static FakeReply DefaultChatReply(RecordedRequest request)
    {
        var format = request.Json?["response_format"];
        if (format?["type"]?.GetValue<string>() == "json_schema" && format["json_schema"]?["schema"] is JsonNode schema)
        {
            return FakeReply.Text(SchemaInstance(schema, schema)?.ToJsonString() ?? "{}");
        }

        return FakeReply.Text("OK");
    }

    /// <summary>A minimal valid instance of a JSON schema: objects with every property, empty arrays and strings, false, 0.</summary>
    internal static JsonNode? SchemaInstance(JsonNode schema, JsonNode root)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = root;
            foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            return target is null ? null : SchemaInstance(target, root);
        }

        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToArray(),
            JsonValue value => [value.GetValue<string>()],
            _ => schema["properties"] is not null ? ["object"] : Array.Empty<string>(),
        };
        var type = types.FirstOrDefault(t => t != "null");
        switch (type)
        {
            case "object":
                var instance = new JsonObject();
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (name, propertySchema) in properties)
                    {
                        instance[name] = propertySchema is null ? null : SchemaInstance(propertySchema, root);
                    }
                }

                return instance;
            case "array":
                return new JsonArray();
            case "string":
                return JsonValue.Create(string.Empty);
            case "boolean":
                return JsonValue.Create(false);
            case "integer":
            case "number":
                return JsonValue.Create(0);
            default:
                return null;
        }
    }

    private static JsonObject Usage(int prompt, int completion) => new()
    {
        ["prompt_tokens"] = prompt,
        ["completion_tokens"] = completion,
        ["total_tokens"] = prompt + completion,
    };

    private static string[] SplitWords(string content)
    {
        // Keep the spaces with the words so the deltas concatenate back to the content.
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= content.Length; i++)
        {
            if (i == content.Length || content[i] == ' ')
            {
                words.Add(content[start..i]);
                start = i;
            }
        }

        return [.. words];
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonNode body, CancellationToken cancellationToken)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), cancellationToken);
    }
}
