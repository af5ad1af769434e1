using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Core.Analysis;

/// <summary>Analysis stage settings (section <c>Analysis</c>).</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    /// <summary>Participants analysed at once (each is one provider call, or a few for long transcripts).</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = 6;

    /// <summary>Summaries whose quality score falls below this are marked for closer review.</summary>
    [Range(0.0, 1.0)]
    public double ReviewThreshold { get; set; } = 0.7;
}
