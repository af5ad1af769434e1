using System.Text.Json;
using CoachingPlatform.Core.Sessions;

namespace CoachingPlatform.Core.Notifications;

/// <summary>
/// A real-time event for the coach web app. Produced by the API or the worker, carried over a Redis stream and
/// delivered by exactly one API replica through SignalR (whose Redis backplane reaches every replica).
/// Payloads carry IDs and states only, never personal data.
/// </summary>
public sealed record PlatformEvent(string Name, Guid OrganizationId, Guid CoachId, Guid? SessionId, string PayloadJson)
{
    /// <summary>SignalR method names of the hub's events.</summary>
    public const string SessionStatusChanged = nameof(SessionStatusChanged);

    public static PlatformEvent ForSessionStatus(Session session, DateTimeOffset at) => new(
        SessionStatusChanged,
        session.OrganizationId,
        session.CoachId,
        session.Id,
        JsonSerializer.Serialize(
            new SessionStatusChangedEvent(session.Id, session.Status, session.Progress, session.StatusReason, session.Version, at),
            PlatformEventSerialization.Options));
}

/// <summary>
/// The body of <c>SessionStatusChanged</c>. Events can arrive out of order (the API and the worker publish, and several
/// replicas relay), so clients keep the highest <c>version</c> seen per session and ignore older ones: it is the
/// session row's version when the state was written, and grows with every change.
/// </summary>
public sealed record SessionStatusChangedEvent(Guid SessionId, SessionStatus Status, int Progress, string? Reason, uint Version, DateTimeOffset At);

internal static class PlatformEventSerialization
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
