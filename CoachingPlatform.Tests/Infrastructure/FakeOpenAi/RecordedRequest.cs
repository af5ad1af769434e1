using System.Text.Json.Nodes;

namespace CoachingPlatform.Tests.Infrastructure.FakeOpenAi;

/// <summary>One request the fake server received, as sent (for assertions on the request shape).</summary>
public sealed record RecordedRequest(
    string Path,
    string Body,
    JsonNode? Json,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt)
{
    public string? Model => Json?["model"]?.GetValue<string>();

    public bool Streaming => Json?["stream"]?.GetValue<bool>() == true;

    /// <summary>The chat messages (role, content) in order; content flattened when sent as parts.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Json?["messages"] is JsonArray messages
            ? messages.Select(m => (m!["role"]!.GetValue<string>(), ContentText(m["content"]))).ToArray()
            : [];

    private static string ContentText(JsonNode? content) => content switch
    {
        null => string.Empty,
        JsonValue value => value.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>())),
        _ => content.ToJsonString(),
    };
}
