using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Benchmarks;

/// <summary>
/// Time from building the AppHost (Infra=local, fresh data folder: initdb included) to the api resource being
/// healthy, and to the worker being healthy. Also a second start on the same, already initialised folder.
/// </summary>
internal static class AppHostStartBench
{
    public static async Task RunAsync(string[] args)
    {
        var runs = JobThroughputBench.Arg(args, "--runs", 3);
        Console.WriteLine("| run | data folder | api healthy s | worker healthy s |");
        Console.WriteLine("|---:|---|---:|---:|");
        for (var run = 1; run <= runs; run++)
        {
            var dataRoot = Path.Combine(Path.GetTempPath(), "coachingplatform-bench", $"apphost-{Guid.NewGuid():N}");
            foreach (var label in new[] { "fresh", "existing" })
            {
                var (api, worker) = await StartOnceAsync(dataRoot);
                Console.WriteLine($"| {run} | {label} | {api.TotalSeconds:F1} | {worker.TotalSeconds:F1} |");
            }

            Directory.Delete(dataRoot, recursive: true);
        }
    }

    private static async Task<(TimeSpan Api, TimeSpan Worker)> StartOnceAsync(string dataRoot)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stopwatch = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CoachingPlatform_AppHost>(
            ["--Infra", "local", "--Infra:DataDir", dataRoot, "--environment", "Development"], cts.Token);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        await using var app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token);
        var api = stopwatch.Elapsed;
        await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", cts.Token);
        var worker = stopwatch.Elapsed;
        await app.StopAsync(cts.Token);
        return (api, worker);
    }
}
