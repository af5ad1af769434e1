using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace CoachingPlatform.AppHost.Infrastructure;

/// <summary>
/// Finds and prepares Debian's PostgreSQL and Redis servers so they can run as plain local processes.
/// Shared by the AppHost's <c>Infra=local</c> mode and the test fixtures, so both start them the same way.
/// </summary>
public static class LocalServers
{
    public const string InstallHint =
        "Install them with: sudo apt-get update && sudo apt-get install -y postgresql redis-server (./run.sh and ./test.sh do this for you), " +
        "or start a container runtime and use Infra=containers, or give connection strings with Infra=existing.";

    /// <summary>True when this process runs as root; PostgreSQL refuses to, so it is started as the postgres user.</summary>
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    /// <summary>
    /// The newest installed PostgreSQL server's bin folder (Debian's <paramref name="debianRoot"/>, default
    /// <c>/usr/lib/postgresql</c>, then PATH), or null when none is installed.
    /// </summary>
    public static string? FindPostgresBinDirectory(string? debianRoot = null)
    {
        var candidates = new List<string>();
        debianRoot ??= "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")));
    }

    public static string? FindRedisServer() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(d => Path.Combine(d, "redis-server")))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The default data root: under the system temp folder (every parent is enterable by the postgres user),
    /// one per checkout so two clones never share a database.
    /// </summary>
    public static string DefaultDataRoot(string appHostDirectory)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appHostDirectory)))[..12];
        // Per user: a folder another user created first would not be writable.
        return Path.Combine(Path.GetTempPath(), $"coachingplatform-{Environment.UserName}", hash);
    }

    /// <summary>
    /// Makes sure <paramref name="dataRoot"/> holds an initialised PostgreSQL cluster (initdb on first use, as the
    /// postgres user when running as root) and returns its layout, including the superuser password.
    /// </summary>
    public static PostgresLayout EnsurePostgresCluster(string binDirectory, string dataRoot)
    {
        var layout = new PostgresLayout(binDirectory, dataRoot);
        Directory.CreateDirectory(dataRoot);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(dataRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        if (!File.Exists(layout.PasswordFile))
        {
            File.WriteAllText(layout.PasswordFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        }

        Directory.CreateDirectory(layout.SocketDirectory);
        if (!File.Exists(Path.Combine(layout.DataDirectory, "PG_VERSION")))
        {
            if (Directory.Exists(layout.DataDirectory))
            {
                Directory.Delete(layout.DataDirectory, recursive: true); // a half-finished initdb
            }

            Directory.CreateDirectory(layout.DataDirectory);
            ChownToPostgres(layout.DataDirectory, layout.SocketDirectory);
            if (OperatingSystem.IsLinux())
            {
                // initdb, running as postgres, reads the password once; the file is closed to others again below.
                File.SetUnixFileMode(layout.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            }

            Run(layout.InitDb, [
                "-D", layout.DataDirectory, "-U", "postgres", $"--pwfile={layout.PasswordFile}",
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
            ]);
        }
        else
        {
            ChownToPostgres(layout.SocketDirectory);
        }

        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(layout.PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return layout with { Password = File.ReadAllText(layout.PasswordFile).Trim() };
    }

    /// <summary>The command and arguments that run <paramref name="executable"/> as the postgres user when we are root.</summary>
    public static (string Command, string[] Args) AsPostgresUser(string executable, IEnumerable<string> args) =>
        IsRoot
            // setpriv execs in place, so the PID the orchestrator tracks is the server's own.
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", executable, .. args])
            : (executable, args.ToArray());

    /// <summary>Server arguments: loopback only, our socket folder, durable-enough settings for development.</summary>
    public static string[] PostgresServerArgs(PostgresLayout layout, int? port) =>
    [
        "-D", layout.DataDirectory, "-k", layout.SocketDirectory, "-c", "listen_addresses=127.0.0.1",
        "-c", "max_connections=300", "-c", "shared_buffers=128MB",
        .. port is { } p ? new[] { "-p", p.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [],
    ];

    /// <summary>A password for a local Redis, created once per data root.</summary>
    public static string EnsureRedisPassword(string dataRoot)
    {
        var redisDir = Path.Combine(dataRoot, "redis");
        Directory.CreateDirectory(redisDir);
        var file = Path.Combine(dataRoot, "redis.password");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllText(file).Trim();
    }

    private static void ChownToPostgres(params string[] paths)
    {
        if (!IsRoot)
        {
            return;
        }

        foreach (var path in paths)
        {
            Run("chown", ["-R", "postgres:postgres", path], asPostgres: false);
        }
    }

    private static void Run(string executable, string[] args, bool asPostgres = true)
    {
        var (command, finalArgs) = asPostgres ? AsPostgresUser(executable, args) : (executable, args);
        var psi = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in finalArgs)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {command}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(executable)} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(executable)} failed with exit code {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
    }
}

/// <summary>Where a local PostgreSQL cluster keeps its files.</summary>
public sealed record PostgresLayout(string BinDirectory, string DataRoot)
{
    public string DataDirectory => Path.Combine(DataRoot, "pgdata");
    public string SocketDirectory => Path.Combine(DataRoot, "pgrun");
    public string PasswordFile => Path.Combine(DataRoot, "postgres.password");
    public string Postgres => Path.Combine(BinDirectory, "postgres");
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string Password { get; init; } = "";
}
