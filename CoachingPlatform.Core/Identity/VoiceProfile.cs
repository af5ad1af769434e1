namespace CoachingPlatform.Core.Identity;

/// <summary>How a coach writes, learned from their edits; steers follow-up drafts. Stored as JSON on the coach.</summary>
public sealed class VoiceProfile
{
    public string? Tone { get; set; }
    public List<string> Phrases { get; set; } = [];
    public string? SignOff { get; set; }
}
