using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Templates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>Summary, email and prompt templates: coaches' overrides, organisation templates, built-in defaults.</summary>
public static class TemplatesEndpoints
{
    /// <summary>group, individual or an organisation methodology key (as in session uploads).</summary>
    internal const string SessionTypePattern = "^[a-z0-9][a-z0-9-]{0,63}$";

    public static RouteGroupBuilder MapTemplatesEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/templates").WithTags("Templates");
        group.MapGet("/", List)
            .WithSummary("List templates")
            .WithDescription("""
                Your own templates, then your organisation's, then the built-in system defaults (`source`: coach, organization, system;
                system defaults have stable ids and are read-only). Filters: `kind` (Summary, Email, Prompt) and `sessionType`
                (templates for that type plus those for every type).
                """);
        group.MapGet("/{id:guid}", Get).WithSummary("A template").WithDescription("Yours, your organisation's or a system default.");
        group.MapPost("/", Create)
            .WithSummary("Create a template")
            .WithDescription("""
                `scope`: `coach` (default; your own override) or `organization` (leads and admins: an organisation template).
                `content` uses `{{variable}}`, `{{#each list}}…{{/each}}` and `{{#if name}}…{{else}}…{{/if}}` with the variables of
                the kind's catalogue (docs/templates.md); syntax errors are 400 `COACH_513` with line and column, unknown variables
                400 `COACH_511`. `isDefault` (default true) makes it the one used for its kind and session type, replacing the
                previous default of the same scope.
                """);
        group.MapPut("/{id:guid}", Update)
            .WithSummary("Replace a template")
            .WithDescription("Your own templates; organisation templates for leads and admins (403 for coaches). System defaults are read-only (403).");
        group.MapDelete("/{id:guid}", Delete)
            .WithSummary("Delete a template")
            .WithDescription("The same permissions as replacing it. Follow-ups drafted from it keep their text.");
        group.MapPost("/preview", Preview)
            .WithSummary("Render a template without saving it")
            .WithDescription("""
                Validates `content` for `kind` and renders it with `values` (text or lists of strings per variable), or with the
                catalogue's sample values when `values` is omitted. A variable without a value is 400 `COACH_512`; output over
                100 KB is 400 `COACH_514`.
                """);
        return api;
    }

    private static async Task<Ok<PagedResponse<TemplateResponse>>> List(
        [AsParameters] PageQuery paging, TemplateKind? kind, string? sessionType, TemplateService templates, CancellationToken cancellationToken) =>
        TypedResults.Ok(PagedResponse.From(
            await templates.ListAsync(new TemplateFilter(kind, string.IsNullOrWhiteSpace(sessionType) ? null : sessionType.Trim()), paging.PageNumber, paging.Size, cancellationToken),
            TemplateResponse.From));

    private static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> Get(Guid id, TemplateService templates, CancellationToken cancellationToken) =>
        await templates.GetAsync(id, cancellationToken) is { } template
            ? TypedResults.Ok(TemplateResponse.From(template))
            : Problems.NotFound("template");

    private static async Task<Results<Created<TemplateResponse>, ProblemHttpResult>> Create(
        CreateTemplateRequest request, TemplateService templates, CancellationToken cancellationToken)
    {
        var result = await templates.CreateAsync(
            new TemplateDraft(request.Name, request.Kind!.Value, request.SessionType, request.Content, request.IsDefault ?? true, request.Scope ?? TemplateScope.Coach),
            cancellationToken);
        return result.Outcome == TemplateChangeOutcome.Done
            ? TypedResults.Created($"/api/v1/templates/{result.Template!.Id}", TemplateResponse.From(result.Template))
            : Failure(result);
    }

    private static async Task<Results<Ok<TemplateResponse>, ProblemHttpResult>> Update(
        Guid id, UpdateTemplateRequest request, TemplateService templates, CancellationToken cancellationToken)
    {
        var result = await templates.UpdateAsync(
            id, new TemplateDraft(request.Name, request.Kind!.Value, request.SessionType, request.Content, request.IsDefault ?? true), cancellationToken);
        return result.Outcome == TemplateChangeOutcome.Done ? TypedResults.Ok(TemplateResponse.From(result.Template!)) : Failure(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, TemplateService templates, CancellationToken cancellationToken) =>
        await templates.DeleteAsync(id, cancellationToken) switch
        {
            TemplateChangeOutcome.Done => TypedResults.NoContent(),
            var outcome => Failure(new TemplateChangeResult(outcome)),
        };

    private static Results<Ok<TemplatePreviewResponse>, ProblemHttpResult> Preview(PreviewTemplateRequest request)
    {
        TemplateValues values;
        if (request.Values is null)
        {
            values = TemplateCatalogue.Samples(request.Kind!.Value);
        }
        else if (!TryReadValues(request.Values, out values, out var bad))
        {
            return Problems.Create(400, ErrorCodes.ValidationFailed, "Invalid values", $"The value of `{bad}` must be a string, null or an array of strings.");
        }

        try
        {
            var parsed = TemplateRenderer.Validate(request.Content, request.Kind!.Value);
            return TypedResults.Ok(new TemplatePreviewResponse(parsed.Render(values), parsed.Variables));
        }
        catch (TemplateException ex)
        {
            return Problem(ex);
        }
    }

    private static ProblemHttpResult Failure(TemplateChangeResult result) => result.Outcome switch
    {
        TemplateChangeOutcome.Invalid => Problem(result.Error!),
        TemplateChangeOutcome.Forbidden => Problems.Create(403, ErrorCodes.Forbidden, "Not allowed",
            "Coaches manage only their own templates; organisation templates are managed by leads and admins, and system defaults are read-only (create an override instead)."),
        _ => Problems.NotFound("template"),
    };

    private static ProblemHttpResult Problem(TemplateException error)
    {
        var problem = error.Error switch
        {
            TemplateError.Syntax => Problems.Create(400, ErrorCodes.TemplateSyntax, "Template syntax error", error.Message),
            TemplateError.UnknownVariable => Problems.Create(400, ErrorCodes.TemplateUnknownVariable, "Unknown template variable", error.Message),
            TemplateError.MissingVariable => Problems.Create(400, ErrorCodes.TemplateMissingVariable, "Missing template variable", error.Message),
            _ => Problems.Create(400, ErrorCodes.TemplateOutputTooLarge, "Rendered template too large", error.Message),
        };
        if (error.Line is { } line)
        {
            problem.ProblemDetails.Extensions["line"] = line;
            problem.ProblemDetails.Extensions["column"] = error.Column;
        }

        if (error.Variables.Count > 0)
        {
            problem.ProblemDetails.Extensions["variables"] = error.Variables;
        }

        return problem;
    }

    private static bool TryReadValues(Dictionary<string, JsonElement> raw, out TemplateValues values, out string? bad)
    {
        values = new TemplateValues();
        bad = null;
        foreach (var (name, element) in raw)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String or JsonValueKind.Null:
                    values.Text(name, element.ValueKind == JsonValueKind.Null ? null : element.GetString());
                    break;
                case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                    values.List(name, element.EnumerateArray().Select(e => e.GetString()));
                    break;
                default:
                    bad = name;
                    return false;
            }
        }

        return true;
    }
}

public sealed record CreateTemplateRequest(
    [Required, MinLength(1), MaxLength(200)] string Name,
    [Required] TemplateKind? Kind,
    [RegularExpression(TemplatesEndpoints.SessionTypePattern)] string? SessionType,
    [Required, MinLength(1), MaxLength(TemplateRenderer.MaxContentLength)] string Content,
    bool? IsDefault,
    TemplateScope? Scope);

public sealed record UpdateTemplateRequest(
    [Required, MinLength(1), MaxLength(200)] string Name,
    [Required] TemplateKind? Kind,
    [RegularExpression(TemplatesEndpoints.SessionTypePattern)] string? SessionType,
    [Required, MinLength(1), MaxLength(TemplateRenderer.MaxContentLength)] string Content,
    bool? IsDefault);

public sealed record PreviewTemplateRequest(
    [Required] TemplateKind? Kind,
    [Required, MinLength(1), MaxLength(TemplateRenderer.MaxContentLength)] string Content,
    [MaxLength(100)] Dictionary<string, JsonElement>? Values);

public sealed record TemplatePreviewResponse(string Output, IReadOnlyList<string> Variables);

/// <summary>A template; <c>source</c> is <c>coach</c>, <c>organization</c> or <c>system</c> (read-only, stable id).</summary>
public sealed record TemplateResponse(
    Guid Id,
    string Name,
    TemplateKind Kind,
    string? SessionType,
    string Content,
    IReadOnlyList<string> RequiredVariables,
    string Source,
    bool IsDefault,
    Guid? OwnerCoachId,
    DateTimeOffset? UpdatedAt)
{
    public static TemplateResponse From(TemplateView t) => new(
        t.Id, t.Name, t.Kind, t.SessionType, t.Content, t.RequiredVariables,
        t.Source switch { TemplateSource.Coach => "coach", TemplateSource.Organization => "organization", _ => "system" },
        t.IsDefault, t.OwnerCoachId, t.UpdatedAt);
}
