using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using CoachingPlatform.AppHost.Infrastructure;

namespace CoachingPlatform.Tests.Infrastructure;

/// <summary>
/// One real Redis server for the test run (Debian's redis-server, password-protected, no persistence).
/// Tests isolate themselves by key prefix or by what they count, never by flushing.
/// </summary>
public static class LocalRedisServer
{
    private static readonly Lazy<Task<string>> Instance = new(StartAsync);

    /// <summary>A StackExchange.Redis connection string for the shared test server.</summary>
    public static Task<string> ConnectionStringAsync() => Instance.Value;

    private static async Task<string> StartAsync()
    {
        var server = LocalServers.FindRedisServer()
            ?? throw new InvalidOperationException($"The tests need redis-server. {LocalServers.InstallHint}");
        var port = LocalPostgresServer.FreePort();
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var psi = new ProcessStartInfo(server)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--requirepass", password, "--save", "", "--appendonly", "no" },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start.");
        TestRunFolder.RecordProcess($"redis-{port}", process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        };

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                break;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        return $"127.0.0.1:{port},password={password}";
    }
}
