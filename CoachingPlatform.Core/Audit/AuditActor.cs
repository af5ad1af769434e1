namespace CoachingPlatform.Core.Audit;

/// <summary>Who is acting and from where, as the audit log records it. The API supplies the caller; elsewhere it is the system.</summary>
public interface IAuditActor
{
    /// <summary>The acting coach; null for the system (worker jobs, start-up).</summary>
    Guid? CoachId { get; }

    string? IpAddress { get; }

    string? UserAgent { get; }
}

/// <summary>The actor outside a request: the platform itself.</summary>
internal sealed class SystemAuditActor : IAuditActor
{
    public Guid? CoachId => null;

    public string? IpAddress => null;

    public string? UserAgent => null;
}
