using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Worker;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCoachingData();
builder.AddRedisClient("redis");
builder.AddSessionIngestion();
builder.AddAnalysis();
builder.Services.AddHostedService<JobDispatcher>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
