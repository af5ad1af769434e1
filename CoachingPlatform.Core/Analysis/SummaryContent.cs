namespace CoachingPlatform.Core.Analysis;

/// <summary>The body of a summary (AI draft, coach edit or revision snapshot), stored as JSON.</summary>
public sealed class SummaryContent
{
    public string Narrative { get; set; } = "";
    public List<string> Bullets { get; set; } = [];
    public List<SummaryItem> Wins { get; set; } = [];
    public List<SummaryItem> Challenges { get; set; } = [];
    public List<SummaryItem> Recommendations { get; set; } = [];
    public List<ActionItem> ActionItems { get; set; } = [];
}

/// <summary>A win, challenge or recommendation with the transcript turns it came from.</summary>
public sealed class SummaryItem
{
    public string Text { get; set; } = "";

    // Transcript turn indexes: the quality gate drops or flags items whose evidence is not in the transcript.
    public List<int> Evidence { get; set; } = [];
}

/// <summary>An action item agreed in the session, with the transcript turns it came from.</summary>
public sealed class ActionItem
{
    public string Text { get; set; } = "";
    public string? Owner { get; set; }
    public DateOnly? Due { get; set; }
    public List<int> Evidence { get; set; } = [];
}
