using CoachingPlatform.Core.Sessions;

namespace CoachingPlatform.Core.FollowUps;

/// <summary>Which kind of follow-up a client needs; the order of the coach's review queue.</summary>
public enum FollowUpPriority
{
    Standard,
    Urgent,
    Breakthrough,
    SilentOrLow,
}

public static class FollowUpPriorities
{
    /// <summary>Urgent beats breakthrough beats silent/low engagement; everyone else is standard.</summary>
    public static FollowUpPriority From(bool urgent, bool breakthrough, EngagementLevel engagement) =>
        urgent ? FollowUpPriority.Urgent
        : breakthrough ? FollowUpPriority.Breakthrough
        : engagement is EngagementLevel.Silent or EngagementLevel.Low ? FollowUpPriority.SilentOrLow
        : FollowUpPriority.Standard;

    /// <summary>The priority of a participation.</summary>
    public static FollowUpPriority From(ClientSession participation) =>
        From(participation.Urgent, participation.Breakthrough, participation.EngagementLevel);

    /// <summary>The value of the <c>{{priority}}</c> template variable.</summary>
    public static string Key(FollowUpPriority priority) => priority switch
    {
        FollowUpPriority.Urgent => "urgent",
        FollowUpPriority.Breakthrough => "breakthrough",
        FollowUpPriority.SilentOrLow => "silent-or-low",
        _ => "standard",
    };
}
