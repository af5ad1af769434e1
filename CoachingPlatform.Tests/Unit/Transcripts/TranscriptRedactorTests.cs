using System.Text;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Transcripts;

public sealed class TranscriptRedactorTests
{
    private static readonly ParsedTranscript Transcript = TranscriptParser.Parse(Encoding.UTF8.GetBytes("""
        [00:00:01] Avery Stone: Welcome, Maria and Sam.
        [00:00:05] Maria Lopez: I stopped taking my medication last week.
        [00:00:09] Sam: Maria, that sounds hard. MARIA LOPEZ is brave.
        [00:00:12] Maria Lopez: Thanks.
        [00:00:14] Avery Stone: Let's talk after the session, Mariah.
        """), "t.txt", TranscriptLimits.Default);

    [Fact]
    public void Redact_OneParticipant_RemovesTheirWordsAndNamesButKeepsEveryTurnInPlace()
    {
        var redacted = TranscriptParser.Parse(
            TranscriptRedactor.Redact(Transcript, new HashSet<string> { "Maria Lopez" }, ["Maria Lopez", "Maria"]), "t.json", TranscriptLimits.Default);

        Assert.Equal(Transcript.Turns.Count, redacted.Turns.Count);
        Assert.Equal(TranscriptFormat.Json, redacted.Format);
        Assert.All(redacted.Turns.Zip(Transcript.Turns), pair =>
        {
            Assert.Equal(pair.Second.Index, pair.First.Index);
            Assert.Equal(pair.Second.Start, pair.First.Start);
        });
        var all = string.Join('\n', redacted.Turns.Select(t => t.Speaker + ": " + t.Text));
        Assert.DoesNotContain("medication", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Maria ", all, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Erased participant 1", redacted.Turns[1].Speaker);
        Assert.Equal(TranscriptRedactor.RemovedText, redacted.Turns[3].Text);
        Assert.Equal("[name removed], that sounds hard. [name removed] is brave.", redacted.Turns[2].Text);
        Assert.Contains("Mariah", redacted.Turns[4].Text, StringComparison.Ordinal); // whole names only
    }

    [Fact]
    public void Redact_SecondErasure_GetsItsOwnLabelSoTurnsNeverMerge()
    {
        var once = TranscriptParser.Parse(TranscriptRedactor.Redact(Transcript, new HashSet<string> { "Maria Lopez" }, ["Maria Lopez"]), "t.json", TranscriptLimits.Default);

        var twice = TranscriptParser.Parse(TranscriptRedactor.Redact(once, new HashSet<string> { "Sam" }, ["Sam"]), "t.json", TranscriptLimits.Default);

        Assert.Equal(Transcript.Turns.Count, twice.Turns.Count);
        Assert.Equal("Erased participant 1", twice.Turns[1].Speaker);
        Assert.Equal("Erased participant 2", twice.Turns[2].Speaker);
    }
}
