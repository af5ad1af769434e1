using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>The audit trail of the organisation, for admins.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List)
            .WithSummary("List audit events (admins)")
            .WithDescription(
                "Who read or changed which protected record, when and from where, newest first. Filters: `entityType` (client, " +
                "session, transcript, summary, follow-up), `entityId`, `actorId` (a coach id), `action` (read, create, update, " +
                "delete, erase, export), `from` (inclusive) and `to` (exclusive) as ISO 8601 times. Events hold ids only; " +
                "`details` lists related ids or changed field names, never values. The trail is append-only.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<PagedResponse<AuditEventResponse>>, ProblemHttpResult>> List(
        [AsParameters] PageQuery paging, [AsParameters] AuditQuery query, AuditTrail trail, CancellationToken cancellationToken)
    {
        if (query.From is { } from && query.To is { } to && from > to)
        {
            return Problems.Create(400, ErrorCodes.ValidationFailed, "Invalid time range", "from must not be later than to.");
        }

        var filter = new AuditFilter(query.EntityType, query.EntityId, query.ActorId, query.Action, query.From, query.To);
        var page = await trail.ListAsync(filter, paging.PageNumber, paging.Size, cancellationToken);
        return TypedResults.Ok(PagedResponse.From(page, AuditEventResponse.From));
    }
}

/// <summary>Filters of <c>GET /audit</c>; every one is optional.</summary>
/// <remarks>A class, not a positional record: the OpenAPI generator fails on validation attributes of record parameters.</remarks>
public sealed class AuditQuery
{
    [FromQuery(Name = "entityType"), MaxLength(64)]
    public string? EntityType { get; init; }

    [FromQuery(Name = "entityId")]
    public Guid? EntityId { get; init; }

    [FromQuery(Name = "actorId")]
    public Guid? ActorId { get; init; }

    [FromQuery(Name = "action"), MaxLength(64)]
    public string? Action { get; init; }

    [FromQuery(Name = "from")]
    public DateTimeOffset? From { get; init; }

    [FromQuery(Name = "to")]
    public DateTimeOffset? To { get; init; }
}

public sealed record AuditEventResponse(
    long Id, DateTimeOffset OccurredAt, string Action, string EntityType, Guid? EntityId, Guid? ActorId,
    string? IpAddress, string? UserAgent, JsonElement? Details)
{
    public static AuditEventResponse From(AuditEvent e) => new(
        e.Id, e.OccurredAt, e.Action, e.EntityType, e.EntityId, e.ActorCoachId, e.IpAddress, e.UserAgent,
        e.Details is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Details));
}
