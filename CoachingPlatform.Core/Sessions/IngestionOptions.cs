using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Core.Sessions;

/// <summary>Upload limits (section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest transcript file accepted, in bytes (larger: 413).</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Distinct speakers a transcript may have.</summary>
    [Range(2, 10_000)]
    public int MaxSpeakers { get; set; } = 200;

    /// <summary>Longest single line of a transcript, in characters.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxLineLength { get; set; } = 100_000;
}
