using BenchmarkDotNet.Running;

namespace CoachingPlatform.Benchmarks;

/// <summary>
/// dotnet run -c Release --project CoachingPlatform.Benchmarks -- jobs           job queue throughput
/// dotnet run -c Release --project CoachingPlatform.Benchmarks -- apphost-start  AppHost start to healthy
/// dotnet run -c Release --project CoachingPlatform.Benchmarks -- analysis [--runs 3] [--provider local|fake] [--delay-ms 2000] [--parallelism 6]
///                                                                                 workshop upload to ReadyForReview
/// dotnet run -c Release --project CoachingPlatform.Benchmarks -- [BenchmarkDotNet args]
/// Results and the machine they were measured on: docs/benchmarks.md.
/// </summary>
internal static class Program
{
    private static async Task Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "jobs":
                await JobThroughputBench.RunAsync(args[1..]);
                break;
            case "apphost-start":
                await AppHostStartBench.RunAsync(args[1..]);
                break;
            case "analysis":
                await AnalysisBench.RunAsync(args[1..]);
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                break;
        }
    }
}
