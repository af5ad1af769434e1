using System.Diagnostics;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.EndToEnd;

public sealed class AppHostPublishTests
{
    [Fact]
    public async Task Publish_Manifest_DescribesApiWorkerPostgresAndRedisForAzd()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = Path.Combine(TestRunFolder.Current, $"manifest-{Guid.NewGuid():N}");
        var manifestPath = Path.Combine(output, "aspire-manifest.json");
        var appHost = Path.Combine(RepositoryPaths.Project("CoachingPlatform.AppHost"), "bin", RepositoryPaths.Configuration, "net10.0", "CoachingPlatform.AppHost.dll");
        try
        {
            // The same command azd runs; Infra=local is overridden because a manifest always describes containers.
            var psi = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { appHost, "--publisher", "manifest", "--output-path", manifestPath, "--Infra", "local" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepositoryPaths.Project("CoachingPlatform.AppHost"),
            };
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            Assert.True(process.ExitCode == 0, $"publish failed: {await stderr}{await stdout}");

            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath, cts.Token));
            var resources = manifest.RootElement.GetProperty("resources");
            string TypeOf(string name) => resources.GetProperty(name).GetProperty("type").GetString()!;

            Assert.Equal("project.v0", TypeOf("api"));
            Assert.Equal("project.v0", TypeOf("worker"));
            Assert.Equal("container.v0", TypeOf("postgres"));
            Assert.Equal("container.v0", TypeOf("redis"));
            Assert.True(resources.TryGetProperty("coachingdb", out _));
            foreach (var service in new[] { "api", "worker" })
            {
                var env = resources.GetProperty(service).GetProperty("env");
                Assert.Equal("{coachingdb.connectionString}", env.GetProperty("ConnectionStrings__coachingdb").GetString());
                Assert.Equal("{redis.connectionString}", env.GetProperty("ConnectionStrings__redis").GetString());
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Run_LocalModeWithoutTheServers_FailsAtOnceSayingWhatToInstall()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var appHost = Path.Combine(RepositoryPaths.Project("CoachingPlatform.AppHost"), "bin", RepositoryPaths.Configuration, "net10.0", "CoachingPlatform.AppHost.dll");
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "/usr/bin/dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { appHost, "--Infra", "local", "--Infra:PostgresRoot", "/nonexistent", "--Infra:DataDir", Path.Combine(TestRunFolder.Current, $"nothing-{Guid.NewGuid():N}") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Project("CoachingPlatform.AppHost"),
        };
        psi.Environment["PATH"] = "/nonexistent"; // no postgres (and no container runtime) anywhere to be found
        psi.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("apt-get install -y postgresql redis-server", await stderr + await stdout, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
