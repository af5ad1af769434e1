using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Core.Jobs;

/// <summary>Settings of the durable job queue (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Attempts before a job is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claim is valid; a crashed worker's jobs are re-claimed after it runs out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Backoff before the second attempt; it doubles each attempt (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an idle dispatcher sleeps before polling again (a new job wakes it sooner via NOTIFY).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Jobs one worker process runs at once.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;
}
