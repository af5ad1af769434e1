using System.Text.Json.Nodes;

namespace CoachingPlatform.Core.Sessions;

/// <summary>
/// The session metadata's <c>speakers</c> object: transcript speaker label → client id (the coach's labels map to
/// <see cref="Guid.Empty"/>). Written by ingestion, read to attribute transcript turns to clients.
/// </summary>
public static class SpeakerMap
{
    public const string SpeakersKey = "speakers";

    public static IReadOnlyDictionary<string, Guid> Read(string? metadata)
    {
        if (metadata is null || JsonNode.Parse(metadata)?[SpeakersKey] is not JsonObject speakers)
        {
            return new Dictionary<string, Guid>();
        }

        return speakers.Where(p => p.Value is not null && Guid.TryParse(p.Value.GetValue<string>(), out _))
            .ToDictionary(p => p.Key, p => Guid.Parse(p.Value!.GetValue<string>()), StringComparer.Ordinal);
    }

    /// <summary>Returns <paramref name="metadata"/> with its speakers object replaced.</summary>
    public static string Write(string? metadata, IReadOnlyDictionary<string, Guid> speakers, IReadOnlyDictionary<string, string>? extra = null)
    {
        var root = (metadata is null ? null : JsonNode.Parse(metadata) as JsonObject) ?? [];
        var map = new JsonObject();
        foreach (var (label, id) in speakers)
        {
            map[label] = id.ToString();
        }

        root[SpeakersKey] = map;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            root[key] = value;
        }

        return root.ToJsonString();
    }

    public static string? ReadString(string? metadata, string key) =>
        metadata is null ? null : (JsonNode.Parse(metadata) as JsonObject)?[key]?.GetValue<string>();
}
