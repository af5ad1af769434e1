using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CoachingPlatform.Api.Infrastructure;

/// <summary>Builds the platform's problem+json responses: RFC 7807 plus <c>code</c> and <c>traceId</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["code"] = code },
        });

    public static ProblemHttpResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "Not found", $"No {what} with that id exists.");

    /// <summary>
    /// Problem details for every error the framework produces (validation, 404 on unknown routes, unhandled
    /// exceptions): each gets a <c>code</c> and the trace id, and unhandled exceptions never leak their message.
    /// </summary>
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var exception = context.Exception ?? context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (exception is BadHttpRequestException bad)
            {
                problem.Status = bad.StatusCode;
                context.HttpContext.Response.StatusCode = bad.StatusCode;
                problem.Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "The request body is too large",
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                    _ => "The request could not be read",
                };
                problem.Detail = bad.Message;
                problem.Extensions.TryAdd("code", bad.StatusCode == StatusCodes.Status400BadRequest
                    ? ErrorCodes.MalformedRequest
                    : ErrorCodes.ForStatus(bad.StatusCode));
            }

            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            // A framework 400 that is not a validation problem means the body could not be read (malformed JSON).
            problem.Extensions.TryAdd("code", status == StatusCodes.Status400BadRequest && problem is not HttpValidationProblemDetails
                ? ErrorCodes.MalformedRequest
                : ErrorCodes.ForStatus(status));
            problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        });
        return services;
    }
}
