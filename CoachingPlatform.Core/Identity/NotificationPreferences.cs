namespace CoachingPlatform.Core.Identity;

/// <summary>When a coach is told that a session has finished processing.</summary>
public enum NotificationMode
{
    Immediate,
    DailyDigest,
}

/// <summary>A coach's notification settings, stored as JSON on the coach.</summary>
public sealed class NotificationPreferences
{
    public NotificationMode Mode { get; set; }
    public TimeOnly? QuietHoursStart { get; set; }
    public TimeOnly? QuietHoursEnd { get; set; }

    // IANA zone id: quiet hours and the daily digest are in the coach's local time.
    public string TimeZone { get; set; } = "UTC";
}
