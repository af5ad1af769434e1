using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CoachingPlatform.AppHost.Infrastructure;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CoachingPlatform.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server for the whole test run, started from Debian's binaries exactly as the AppHost's
/// Infra=local does (same <see cref="LocalServers"/> code). Tests get a fresh database each, cloned from a
/// template that was migrated once, so no test sees another's rows.
/// </summary>
public static class LocalPostgresServer
{
    private const string TemplateName = "coaching_template";
    private static readonly Lazy<Task<Server>> Instance = new(() => StartAsync(durable: false));
    private static readonly SemaphoreSlim CreateLock = new(1, 1);

    /// <summary>A new, migrated, empty database on the shared server. Dispose it to drop it.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        await CreateDatabaseAsync(await Instance.Value, cancellationToken);

    /// <summary>A new, migrated, empty database on <paramref name="server"/>.</summary>
    internal static async Task<TestDatabase> CreateDatabaseAsync(Server server, CancellationToken cancellationToken)
    {
        var name = $"test_{Guid.NewGuid():N}";
        await CreateLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {TemplateName}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            CreateLock.Release();
        }

        return new TestDatabase(server, name);
    }

    /// <summary>A database name that does not exist yet (for tests of the migrator itself).</summary>
    public static async Task<TestDatabase> ReserveEmptyDatabaseAsync()
    {
        var server = await Instance.Value;
        return new TestDatabase(server, $"empty_{Guid.NewGuid():N}");
    }

    /// <summary>
    /// Starts a server of its own. <paramref name="durable"/> keeps PostgreSQL's default fsync and synchronous commit
    /// (benchmarks measure those); the shared test server turns them off, as losing test data on a crash costs nothing.
    /// </summary>
    internal static async Task<Server> StartAsync(bool durable)
    {
        var bin = LocalServers.FindPostgresBinDirectory()
            ?? throw new InvalidOperationException($"The tests need a PostgreSQL server. {LocalServers.InstallHint}");
        var root = Path.Combine(TestRunFolder.Current, $"pg-{Guid.NewGuid():N}");
        var layout = LocalServers.EnsurePostgresCluster(bin, root);
        var port = FreePort();
        var (command, args) = LocalServers.AsPostgresUser(layout.Postgres, LocalServers.PostgresServerArgs(layout, port));
        var psi = new ProcessStartInfo(command) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        string[] speed = durable ? [] : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"];
        foreach (var a in args.Concat(speed))
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("postgres did not start.");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, root);

        var server = new Server(port, layout.Password, process);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
                await connection.OpenAsync();
                break;
            }
            catch (Exception) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (Exception ex)
            {
                string output;
                lock (log) { output = log.ToString(); }
                throw new InvalidOperationException($"PostgreSQL did not accept connections: {ex.Message}\n{output}", ex);
            }
        }

        // The template: migrated once, then cloned per test (much faster than migrating every database).
        await using (var db = TestDatabase.CreateContext(server.ConnectionString(TemplateName), TimeProvider.System))
        {
            await DatabaseMigrator.MigrateAsync(db, [], CancellationToken.None);
        }

        NpgsqlConnection.ClearAllPools(); // CREATE DATABASE ... TEMPLATE needs the template to have no sessions
        return server;
    }

    private static void Stop(Process process, string root)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Test PostgreSQL cleanup: {ex.Message}");
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal sealed record Server(int Port, string Password, Process Process)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database};Include Error Detail=true";
    }
}

/// <summary>A database of its own for one test; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly LocalPostgresServer.Server _server;

    internal TestDatabase(LocalPostgresServer.Server server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = server.ConnectionString(name);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public CoachingDbContext CreateContext(TimeProvider? time = null) => CreateContext(ConnectionString, time ?? TimeProvider.System);

    public static JobQueue CreateQueue(CoachingDbContext db, TimeProvider? time = null, JobOptions? options = null) =>
        new(db, time ?? TimeProvider.System, Options.Create(options ?? new JobOptions()));

    internal static CoachingDbContext CreateContext(string connectionString, TimeProvider time)
    {
        var options = new DbContextOptionsBuilder<CoachingDbContext>();
        DataServiceCollectionExtensions.ConfigureDbContext(options, connectionString)
            .AddInterceptors(new TimestampInterceptor(time), new JobNotifyInterceptor());
        return new CoachingDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(_server.ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            // Leaving a test database behind is harmless (the server's folder is deleted at exit); say so anyway.
            Console.Error.WriteLine($"Could not drop {Name}: {ex.Message}");
        }
    }
}

/// <summary>
/// The folder of this test run's servers: <c>$TMPDIR/coachingplatform-tests-{user}/run-{pid}</c>. Test hosts are killed
/// without warning often enough (a hang timeout, a cancelled run) that exit handlers cannot be trusted, so each run
/// first stops the servers of earlier runs whose process is gone and deletes their folders.
/// </summary>
public static class TestRunFolder
{
    private static readonly Lazy<string> Folder = new(Create);

    public static string Current => Folder.Value;

    /// <summary>Where a server started by this run records its process id, so a later run can stop it.</summary>
    public static void RecordProcess(string name, int processId) =>
        File.WriteAllText(Path.Combine(Current, $"{name}.pid"), processId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Create()
    {
        var root = Path.Combine(Path.GetTempPath(), $"coachingplatform-tests-{Environment.UserName}");
        Directory.CreateDirectory(root);
        foreach (var run in Directory.GetDirectories(root, "run-*"))
        {
            if (int.TryParse(Path.GetFileName(run)["run-".Length..], out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                ReapStaleRun(run);
            }
        }

        var current = Path.Combine(root, $"run-{Environment.ProcessId}");
        Directory.CreateDirectory(current);
        return current;
    }

    private static void ReapStaleRun(string run)
    {
        var pidFiles = Directory.GetFiles(run, "*.pid")
            .Concat(Directory.GetDirectories(run).Select(d => Path.Combine(d, "pgdata", "postmaster.pid")).Where(File.Exists));
        foreach (var file in pidFiles)
        {
            try
            {
                if (int.TryParse(File.ReadLines(file).FirstOrDefault(), out var serverPid))
                {
                    using var process = Process.GetProcessById(serverPid);
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        try
        {
            Directory.Delete(run, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete the stale test folder {run}: {ex.Message}");
        }
    }
}

