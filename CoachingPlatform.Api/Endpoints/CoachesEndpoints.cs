using System.ComponentModel.DataAnnotations;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>Team members, for coach leads and admins.</summary>
public static class CoachesEndpoints
{
    public static RouteGroupBuilder MapCoachesEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/coaches").WithTags("Coaches").RequireAuthorization(Policies.Lead);
        group.MapGet("/", List)
            .WithSummary("List coaches")
            .WithDescription("A lead sees their team (and themselves); an admin sees every coach of the organisation.");
        group.MapPost("/", Create)
            .WithSummary("Create a coach")
            .WithDescription("Admins create any role; leads add coaches to their own team only (another role or team is refused with 403).");
        return api;
    }

    private static async Task<Ok<PagedResponse<CoachResponse>>> List(
        [AsParameters] PageQuery paging, CoachService coaches, CancellationToken cancellationToken) =>
        TypedResults.Ok(PagedResponse.From(await coaches.ListAsync(paging.PageNumber, paging.Size, cancellationToken), CoachResponse.From));

    private static async Task<Results<Created<CoachResponse>, ProblemHttpResult>> Create(
        CreateCoachRequest request, CoachService coaches, CancellationToken cancellationToken)
    {
        var (outcome, coach) = await coaches.CreateAsync(
            new NewCoach(request.Email, request.Name, request.Password, request.Role, request.LeadId), cancellationToken);
        return outcome switch
        {
            CoachChangeOutcome.Done => TypedResults.Created($"/api/v1/coaches/{coach!.Id}", CoachResponse.From(coach)),
            CoachChangeOutcome.EmailTaken => Problems.Create(409, ErrorCodes.EmailTaken, "Email in use", "A coach with this email already exists."),
            CoachChangeOutcome.InvalidLead => Problems.Create(400, ErrorCodes.InvalidLead, "Invalid lead", "leadId must be a coach lead of your organisation."),
            _ => Problems.Create(403, ErrorCodes.Forbidden, "Not allowed", "Leads may only add coaches (role Coach) to their own team."),
        };
    }
}

public sealed record CreateCoachRequest(
    [Required, EmailAddress, MaxLength(320)] string Email,
    [Required, MinLength(1), MaxLength(200)] string Name,
    [Required, MinLength(12), MaxLength(200)] string Password,
    CoachRole? Role,
    Guid? LeadId);

public sealed record CoachResponse(Guid Id, string Email, string Name, CoachRole Role, Guid? LeadId, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt)
{
    public static CoachResponse From(Coach c) => new(c.Id, c.Email, c.Name, c.Role, c.LeadId, c.LastLoginAt, c.CreatedAt);
}
