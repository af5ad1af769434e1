using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>
/// Clients: list, read, change, erase, timeline. A client the caller may not see (another organisation's, or one
/// outside the caller's sessions) answers 404, exactly like one that does not exist. Every read and change is audited.
/// </summary>
public static class ClientsEndpoints
{
    private const int MaxSearchLength = 200;

    public static RouteGroupBuilder MapClientsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/clients").WithTags("Clients");
        group.MapGet("/", List)
            .WithSummary("List clients")
            .WithDescription(
                "A coach sees the clients of their own sessions, a lead those of their team's sessions, an admin every client of " +
                "the organisation. `search` matches part of the name or an alias, case-insensitively. Sorted by name. Emails are " +
                "not part of the list (`email` is null): read one client for it. Each listed client is recorded in the audit log.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get)
            .WithSummary("Read a client")
            .WithDescription("The client with the decrypted email address. An audited read.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", Update)
            .WithSummary("Change a client's name, email or aliases")
            .WithDescription(
                "Only the fields given change: `name` (1–200 characters), `email` (a valid address of up to 254 characters, or an " +
                "empty string to remove it), `aliases` (up to 20 names of up to 200 characters, used to match transcript speakers; " +
                "an empty list removes them). The email is stored encrypted. An audited update naming the changed fields.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Erase)
            .WithSummary("Erase a client (admins)")
            .WithDescription(
                "Removes the client's personal data everywhere it is stored, in one transaction: the client, their session " +
                "participations with summaries, summary revisions and tags, follow-ups, client tags, and their name in sessions' " +
                "participant hints. An `erase` audit event (ids only) remains. 204 when done; 404 when the client does not exist " +
                "(also the second time); 403 for a coach or lead who can see the client.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/timeline", Timeline)
            .WithSummary("A client's sessions")
            .WithDescription(
                "The sessions the client took part in that the caller may see, newest first, with the client's engagement level " +
                "and review priority in each. An audited read.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<PagedResponse<ClientResponse>>, ProblemHttpResult>> List(
        [AsParameters] PageQuery paging, string? search, ClientService clients, CancellationToken cancellationToken)
    {
        if (search is { Length: > MaxSearchLength })
        {
            return Problems.Create(400, ErrorCodes.ValidationFailed, "Search too long", $"search is at most {MaxSearchLength} characters.");
        }

        var page = await clients.ListAsync(search, paging.PageNumber, paging.Size, cancellationToken);
        return TypedResults.Ok(PagedResponse.From(page, ClientResponse.From));
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Get(Guid id, ClientService clients, CancellationToken cancellationToken) =>
        await clients.GetAsync(id, cancellationToken) is { } client
            ? TypedResults.Ok(ClientResponse.From(client))
            : Problems.NotFound("client");

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateClientRequest request, ClientService clients, CancellationToken cancellationToken) =>
        await clients.UpdateAsync(id, new ClientChanges(request.Name, request.Email, request.Aliases), cancellationToken) is { } client
            ? TypedResults.Ok(ClientResponse.From(client))
            : Problems.NotFound("client");

    private static async Task<Results<NoContent, ProblemHttpResult>> Erase(Guid id, ClientService clients, CancellationToken cancellationToken) =>
        await clients.EraseAsync(id, cancellationToken) switch
        {
            ClientChangeOutcome.Done => TypedResults.NoContent(),
            ClientChangeOutcome.Forbidden => Problems.Create(403, ErrorCodes.Forbidden, "Not allowed", "Only an admin can erase a client."),
            _ => Problems.NotFound("client"),
        };

    private static async Task<Results<Ok<PagedResponse<ClientTimelineEntryResponse>>, ProblemHttpResult>> Timeline(
        Guid id, [AsParameters] PageQuery paging, ClientService clients, CancellationToken cancellationToken) =>
        await clients.TimelineAsync(id, paging.PageNumber, paging.Size, cancellationToken) is { } page
            ? TypedResults.Ok(PagedResponse.From(page, ClientTimelineEntryResponse.From))
            : Problems.NotFound("client");
}

/// <summary>A change to a client; omitted (or null) fields stay as they are.</summary>
public sealed record UpdateClientRequest(
    [MaxLength(200)] string? Name = null,
    [MaxLength(254)] string? Email = null,
    [MaxLength(20)] List<string>? Aliases = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name is not null && (string.IsNullOrWhiteSpace(Name) || Name.Any(char.IsControl)))
        {
            yield return new ValidationResult("name must be 1–200 characters without control characters.", [nameof(Name)]);
        }

        if (Email is { Length: > 0 } && !IsEmailAddress(Email.Trim()))
        {
            yield return new ValidationResult("email must be a single valid address, or empty to remove it.", [nameof(Email)]);
        }

        if (Aliases is not null && Aliases.Any(a => string.IsNullOrWhiteSpace(a) || a.Length > 200 || a.Any(char.IsControl)))
        {
            yield return new ValidationResult("aliases must be non-empty names of up to 200 characters.", [nameof(Aliases)]);
        }
    }

    // A bare address only: MailAddress also accepts "Name <a@b>" and lists, which are not an address to store.
    private static bool IsEmailAddress(string email) =>
        !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Length > 0;
}

public sealed record ClientResponse(
    Guid Id, string Name, string? Email, IReadOnlyList<string> Aliases, IReadOnlyList<string> Tags, double? EngagementScore, DateTimeOffset CreatedAt)
{
    public static ClientResponse From(ClientView c) => new(c.Id, c.Name, c.Email, c.Aliases, c.Tags, c.EngagementScore, c.CreatedAt);
}

public sealed record ClientTimelineEntryResponse(
    Guid SessionId, Guid ClientSessionId, DateOnly SessionDate, string SessionType, string Title,
    EngagementLevel EngagementLevel, double PriorityScore, int PriorityRank, Guid? SummaryId)
{
    public static ClientTimelineEntryResponse From(ClientTimelineEntry e) => new(
        e.SessionId, e.ClientSessionId, e.SessionDate, e.SessionType, e.Title, e.EngagementLevel, e.PriorityScore, e.PriorityRank, e.SummaryId);
}
