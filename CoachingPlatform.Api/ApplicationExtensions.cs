using System.Text.Json.Serialization;
using CoachingPlatform.Api.Endpoints;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;

namespace CoachingPlatform.Api;

internal static class ApplicationExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddCoachingData();
        builder.AddRedisClient("redis");
        builder.AddDefaultOpenApi("CoachingPlatform API");
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
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
        app.MapDefaultEndpoints();
        app.UseDefaultOpenApi();

        var api = app.MapGroup("/api/v1");
        api.MapSystemEndpoints();
        return app;
    }
}
