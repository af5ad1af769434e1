using System.Text.Json.Serialization;
using CoachingPlatform.Api.Endpoints;
using CoachingPlatform.Api.Hubs;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Api.Infrastructure.RateLimiting;
using CoachingPlatform.Api.Infrastructure.Security;
using CoachingPlatform.Core.Clients;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Supervision;
using CoachingPlatform.Core.Templates;

namespace CoachingPlatform.Api;

internal static class ApplicationExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddCoachingData();
        builder.AddRedisClient("redis");
        builder.AddPlatformAuthentication();
        builder.AddPlatformRateLimiting();
        builder.AddPlatformHttpProtection();
        builder.AddDefaultOpenApi("CoachingPlatform API");
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddScoped<CoachService>();
        builder.Services.AddScoped<ClientService>();
        builder.Services.AddHttpAuditActor();
        builder.Services.AddScoped<TeamNoteService>();
        builder.AddSessionIngestion();
        builder.Services.AddScoped<SessionService>();
        builder.Services.AddTemplates();
        builder.Services.AddScoped<TemplateService>();
        builder.Services.AddSignalR().AddStackExchangeRedis(
            builder.Configuration.GetConnectionString("redis") ?? throw new InvalidOperationException("ConnectionStrings:redis is not set."),
            redis => redis.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("coaching:signalr"));
        builder.Services.AddHostedService<PlatformEventRelay>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddDevelopmentSeed();
        }

        return builder;
    }

    public static WebApplication MapApplication(this WebApplication app)
    {
        // First, so every response (errors included) gets the security headers.
        app.UsePlatformSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        app.UsePlatformRequestLimits();
        app.UseAuthorization();
        app.MapDefaultEndpoints();
        app.UseDefaultOpenApi();

        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapMeEndpoints();
        api.MapCoachesEndpoints();
        api.MapClientsEndpoints();
        api.MapAuditEndpoints();
        api.MapTeamEndpoints();
        api.MapSessionsEndpoints(app.Configuration);
        api.MapTemplatesEndpoints();
        app.MapHub<CoachingHub>(CoachingHub.Path);
        api.MapSystemEndpoints();
        return app;
    }
}

/// <summary>A type of the API assembly for <c>WebApplicationFactory</c> (the AppHost also has a <c>Program</c>).</summary>
public sealed class ApiAssemblyMarker;
