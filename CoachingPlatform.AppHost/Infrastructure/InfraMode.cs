using System.Diagnostics;

namespace CoachingPlatform.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and Redis come from (configuration key <c>Infra</c>).</summary>
public enum InfraMode
{
    /// <summary>Containers when a container runtime answers, else local executables.</summary>
    Auto,
    /// <summary><c>AddPostgres</c>/<c>AddRedis</c> containers with data volumes.</summary>
    Containers,
    /// <summary>Debian's <c>postgresql</c> and <c>redis-server</c> run as local executables; no container runtime needed.</summary>
    Local,
    /// <summary>Connection strings <c>ConnectionStrings:coachingdb</c> and <c>ConnectionStrings:redis</c> supplied by the operator.</summary>
    Existing,
}

internal static class InfraModeResolver
{
    public const string ConfigurationKey = "Infra";

    public static InfraMode Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? InfraMode.Auto
        : Enum.TryParse<InfraMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
        : throw new InvalidOperationException(
            $"Infra='{value}' is not a known mode. Use one of: auto, containers, local, existing.");

    /// <summary>Resolves <see cref="InfraMode.Auto"/>: containers when a runtime answers within a few seconds, else local.</summary>
    public static InfraMode Resolve(InfraMode requested, bool isPublishMode)
    {
        // A deployment manifest always describes containers: the target environment provisions them.
        if (isPublishMode && requested is InfraMode.Auto or InfraMode.Local)
        {
            return InfraMode.Containers;
        }

        if (requested != InfraMode.Auto)
        {
            return requested;
        }

        return ContainerRuntimeAnswers() ? InfraMode.Containers : InfraMode.Local;
    }

    private static bool ContainerRuntimeAnswers()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME")
                      ?? Environment.GetEnvironmentVariable("DOTNET_ASPIRE_CONTAINER_RUNTIME")
                      ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            // Drain output so a chatty runtime cannot block on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
