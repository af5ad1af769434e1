using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

/// <summary>A small group-session transcript and the reply a good model gives for Maria.</summary>
internal static class OpenAiTestData
{
    public static readonly Guid SessionId = Guid.Parse("5e55e55e-0000-0000-0000-000000000001");

    public static IReadOnlyList<TranscriptTurn> Turns { get; } =
    [
        new(0, "Coach Anna", 0, 5, "Welcome everyone. Maria, how did the week go?"),
        new(1, "Maria", 5, 12, "I walked three times this week,\nwhich felt great."),
        new(2, "Coach Anna", 12, 15, "That's wonderful. What got in the way?"),
        new(3, "Maria", 15, 22, "Evenings are hard; I'm exhausted after work."),
        new(4, "Sam", 22, 25, "Same for me, honestly."),
        new(5, "Coach Anna", 25, 28, "Maria, what will you try next week?"),
        new(6, "Maria", 28, 36, "I'll walk before work on Monday, Wednesday and Friday, starting March 3."),
        new(7, "Coach Anna", 36, 38, "Great plan."),
    ];

    public static ParticipantAnalysisRequest Request(string? instructions = null, IReadOnlyList<TranscriptTurn>? turns = null) => new(
        SessionId,
        new DateOnly(2026, 2, 27),
        "group",
        "Maria",
        ["Maria"],
        "Anna",
        ["Coach Anna"],
        turns ?? Turns,
        instructions);

    /// <summary>What the model answers (camelCase JSON, the schema's shape).</summary>
    public static object GoodReply { get; } = new
    {
        narrative = "Maria walked three times this week and plans to walk before work.",
        bullets = new[] { "Walked three times", "Evenings are hard", "Morning walks from March 3" },
        wins = new[] { new { text = "Walked three times this week", evidence = new[] { 1 } } },
        challenges = new[] { new { text = "Exhausted after work in the evenings", evidence = new[] { 3 } } },
        actionItems = new[] { new { text = "Walk before work on Monday, Wednesday and Friday", owner = "Maria", due = "2026-03-03", evidence = new[] { 6, 5, 6 } } },
        recommendations = new[] { new { text = "Check in on the morning routine", evidence = new[] { 6 } } },
        breakthrough = new { present = false, evidence = Array.Empty<int>() },
        urgent = new { present = false, evidence = Array.Empty<int>() },
        confused = new { present = true, evidence = new[] { 3 } },
    };
}
