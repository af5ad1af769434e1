namespace CoachingPlatform.Core.Audit;

/// <summary>The <c>action</c> of an audit event.</summary>
public static class AuditActions
{
    public const string Read = "read";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Erase = "erase";
    public const string Export = "export";
}

/// <summary>The <c>entityType</c> of an audit event: the kinds of protected record.</summary>
public static class AuditEntityTypes
{
    public const string Client = "client";
    public const string Session = "session";
    public const string Transcript = "transcript";
    public const string Summary = "summary";
    public const string FollowUp = "follow-up";
}
