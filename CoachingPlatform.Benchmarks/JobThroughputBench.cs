using System.Diagnostics;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Benchmarks;

internal sealed record BenchJob(int Number) : IJobPayload
{
    public static string JobType => "bench.job";
}

/// <summary>
/// Claim/complete throughput of the job queue on a real, durable PostgreSQL (fsync and synchronous commit on):
/// N claimers loop "claim a batch, complete each job", exactly as the worker's dispatcher does.
/// </summary>
internal static class JobThroughputBench
{
    public static async Task RunAsync(string[] args)
    {
        var jobs = Arg(args, "--jobs", 20_000);
        var claimers = Arg(args, "--claimers", 4);
        var rounds = Arg(args, "--rounds", 3);
        var server = await LocalPostgresServer.StartAsync(durable: true);
        Console.WriteLine($"PostgreSQL (durable) on port {server.Port}; {jobs} jobs, {claimers} claimers, {rounds} rounds per batch size");
        Console.WriteLine("| batch | round | jobs/s | p50 claim ms | p50 complete ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");

        foreach (var batch in new[] { 1, 8 })
        {
            for (var round = 1; round <= rounds; round++)
            {
                await using var database = await LocalPostgresServer.CreateDatabaseAsync(server, CancellationToken.None);
                await EnqueueAsync(database, jobs);
                var claimTimes = new List<double>();
                var completeTimes = new List<double>();
                var stopwatch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, claimers).Select(i => Task.Run(() => ClaimLoopAsync(database, $"w{i}", batch, claimTimes, completeTimes))));
                stopwatch.Stop();

                await using var check = database.CreateContext();
                var done = await check.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded);
                if (done != jobs)
                {
                    throw new InvalidOperationException($"Only {done} of {jobs} jobs completed.");
                }

                Console.WriteLine($"| {batch} | {round} | {jobs / stopwatch.Elapsed.TotalSeconds:F0} | {Median(claimTimes):F2} | {Median(completeTimes):F2} |");
            }
        }

        server.Process.Kill(entireProcessTree: true);
    }

    private static async Task ClaimLoopAsync(TestDatabase database, string owner, int batch, List<double> claimTimes, List<double> completeTimes)
    {
        string[] types = [BenchJob.JobType];
        await using var db = database.CreateContext();
        var queue = TestDatabase.CreateQueue(db);
        var local = new List<double>();
        var localComplete = new List<double>();
        while (true)
        {
            var t = Stopwatch.GetTimestamp();
            var claimed = await queue.ClaimAsync(owner, batch, types, CancellationToken.None);
            local.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (claimed.Count == 0)
            {
                break;
            }

            foreach (var job in claimed)
            {
                t = Stopwatch.GetTimestamp();
                if (!await queue.CompleteAsync(job, owner, CancellationToken.None))
                {
                    throw new InvalidOperationException("Lost a lease during the benchmark.");
                }

                localComplete.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }

        lock (claimTimes)
        {
            claimTimes.AddRange(local);
            completeTimes.AddRange(localComplete);
        }
    }

    private static async Task EnqueueAsync(TestDatabase database, int count)
    {
        const int chunk = 2_000;
        for (var offset = 0; offset < count; offset += chunk)
        {
            await using var db = database.CreateContext();
            var queue = TestDatabase.CreateQueue(db);
            for (var i = offset; i < Math.Min(count, offset + chunk); i++)
            {
                queue.Enqueue(new BenchJob(i));
            }

            await db.SaveChangesAsync();
        }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        return values[values.Count / 2];
    }

    internal static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
