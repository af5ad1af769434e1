using System.ComponentModel.DataAnnotations;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Supervision;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>Supervision by coach leads: confidential team notes and quality ratings.</summary>
public static class TeamEndpoints
{
    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/team").WithTags("Team").RequireAuthorization(Policies.Lead);
        group.MapGet("/notes", ListNotes)
            .WithSummary("List team notes")
            .WithDescription("Confidential notes about coaches or sessions the caller supervises, newest first. Coaches cannot read them.");
        group.MapPost("/notes", AddNote)
            .WithSummary("Add a team note")
            .WithDescription("A note about a coach of the caller's team and/or one of their sessions, with an optional quality rating 1–5.");
        return api;
    }

    private static async Task<Ok<PagedResponse<TeamNoteResponse>>> ListNotes(
        [AsParameters] PageQuery paging, Guid? coachId, Guid? sessionId, TeamNoteService notes, CancellationToken cancellationToken) =>
        TypedResults.Ok(PagedResponse.From(
            await notes.ListAsync(coachId, sessionId, paging.PageNumber, paging.Size, cancellationToken), TeamNoteResponse.From));

    private static async Task<Results<Created<TeamNoteResponse>, ProblemHttpResult>> AddNote(
        CreateTeamNoteRequest request, TeamNoteService notes, CancellationToken cancellationToken)
    {
        if (request.CoachId is null && request.SessionId is null)
        {
            return Problems.Create(400, ErrorCodes.ValidationFailed, "Nothing to note about", "Give coachId, sessionId or both.");
        }

        var note = await notes.AddAsync(new NewTeamNote(request.CoachId, request.SessionId, request.Body, request.QualityRating), cancellationToken);
        return note is null
            ? Problems.NotFound("coach or session in your team")
            : TypedResults.Created($"/api/v1/team/notes/{note.Id}", TeamNoteResponse.From(note));
    }
}

public sealed record CreateTeamNoteRequest(Guid? CoachId, Guid? SessionId, [Required, MinLength(1), MaxLength(10_000)] string Body, [Range(1, 5)] int? QualityRating);

public sealed record TeamNoteResponse(Guid Id, Guid AuthorCoachId, Guid? CoachId, Guid? SessionId, string Body, int? QualityRating, DateTimeOffset CreatedAt)
{
    public static TeamNoteResponse From(TeamNote n) => new(n.Id, n.AuthorCoachId, n.CoachId, n.SessionId, n.Body, n.QualityRating, n.CreatedAt);
}
