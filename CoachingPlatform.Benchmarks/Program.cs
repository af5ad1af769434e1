using BenchmarkDotNet.Running;

namespace CoachingPlatform.Benchmarks;

// dotnet run -c Release --project CoachingPlatform.Benchmarks -- --list flat   (see docs/benchmarks.md)
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
