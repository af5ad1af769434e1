namespace CoachingPlatform.Core.Identity;

/// <summary>
/// The organisation the current unit of work is confined to. <see cref="Data.CoachingDbContext"/> filters every
/// organisation-owned table by it, so a query cannot forget the tenant boundary.
/// </summary>
public interface ITenantContext
{
    /// <summary>The organisation whose rows are visible; null means unrestricted (migrations, system jobs).</summary>
    Guid? OrganizationId { get; }
}

/// <summary>A tenant context set explicitly: by the worker from the job being run, or by tests.</summary>
public sealed class ScopedTenantContext : ITenantContext
{
    public Guid? OrganizationId { get; set; }
}

/// <summary>Who is calling: the authenticated coach of an API request.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The coach's id. Throws when not authenticated.</summary>
    Guid CoachId { get; }

    Guid OrganizationId { get; }

    CoachRole Role { get; }

    /// <summary>Where the request came from (IP address), for audit and throttling.</summary>
    string? RemoteAddress { get; }
}

/// <summary>Claim names of the platform's access tokens.</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Organization = "org";
    public const string Role = "role";
    public const string Name = "name";
}
