using CoachingPlatform.AppHost;
using CoachingPlatform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL + Redis: containers, local executables, or existing servers (Infra=auto|containers|local|existing).
var infra = builder.AddCoachingInfrastructure();

builder.AddProject<Projects.CoachingPlatform_Api>("api")
    .WithInfrastructure(infra)
    .WithJwtSigningKey()
    .WithProtectionLookupKey()
    .WithDevelopmentSeedPassword()
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.AddProject<Projects.CoachingPlatform_Worker>("worker")
    .WithInfrastructure(infra)
    .WithOptionalOpenAi()
    .WithProtectionLookupKey()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
