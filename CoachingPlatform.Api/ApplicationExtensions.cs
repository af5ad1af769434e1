using System.Text.Json.Serialization;
using CoachingPlatform.Api.Endpoints;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Api.Infrastructure.RateLimiting;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Supervision;

namespace CoachingPlatform.Api;

internal static class ApplicationExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddCoachingData();
        builder.AddRedisClient("redis");
        builder.AddPlatformAuthentication();
        builder.AddPlatformRateLimiting();
        builder.AddDefaultOpenApi("CoachingPlatform API");
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddScoped<CoachService>();
        builder.Services.AddScoped<TeamNoteService>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddDevelopmentSeed();
        }

        return builder;
    }

    public static WebApplication MapApplication(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.UseDefaultOpenApi();

        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapMeEndpoints();
        api.MapCoachesEndpoints();
        api.MapTeamEndpoints();
        api.MapSystemEndpoints();
        return app;
    }
}

/// <summary>A type of the API assembly for <c>WebApplicationFactory</c> (the AppHost also has a <c>Program</c>).</summary>
public sealed class ApiAssemblyMarker;
