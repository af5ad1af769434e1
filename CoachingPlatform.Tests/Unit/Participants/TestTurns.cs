using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Participants;

/// <summary>Small transcripts for the participant tests.</summary>
internal static class TestTurns
{
    /// <summary>Untimed turns from (speaker, text) pairs, indexed 0..n-1.</summary>
    public static List<TranscriptTurn> Untimed(params (string Speaker, string Text)[] turns) =>
        [.. turns.Select((t, i) => new TranscriptTurn(i, t.Speaker, null, null, t.Text))];

    /// <summary>Turns from labels only, each saying "Hello there." (untimed).</summary>
    public static List<TranscriptTurn> Labels(params string[] speakers) =>
        [.. speakers.Select((s, i) => new TranscriptTurn(i, s, null, null, "Hello there."))];
}
