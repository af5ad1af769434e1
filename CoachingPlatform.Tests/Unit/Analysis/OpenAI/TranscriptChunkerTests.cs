using CoachingPlatform.Core.Analysis.OpenAI;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

public sealed class TranscriptChunkerTests
{
    [Theory]
    [InlineData(40, 3, 0)]
    [InlineData(40, 3, 2)]
    [InlineData(80, 5, 4)]
    [InlineData(25, 1, 3)]
    [InlineData(12, 7, 1)]
    public void Split_AnyBudget_EveryParticipantTurnIsInAChunkWithinBudget(int budget, int participantEvery, int overlap)
    {
        // Turn sizes 3..11 tokens, deterministic.
        var tokens = Enumerable.Range(0, 200).Select(i => 3 + (i * 7 % 9)).ToArray();
        bool IsParticipant(int i) => i % participantEvery == 1 % participantEvery;

        var chunks = TranscriptChunker.Split(tokens, IsParticipant, budget, overlap);

        Assert.NotEmpty(chunks);
        foreach (var chunk in chunks)
        {
            Assert.True(chunk.Length > 0);
            Assert.True(tokens[chunk.Start..chunk.End].Sum() <= budget);
            Assert.Contains(Enumerable.Range(chunk.Start, chunk.Length), IsParticipant);
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            if (IsParticipant(i))
            {
                Assert.Contains(chunks, c => c.Contains(i));
            }
        }

        Assert.Equal(chunks.OrderBy(c => c.Start), chunks);
    }

    [Fact]
    public void Split_ParticipantTurnAtTheEndOfAChunk_NextChunkStartsWithItsLeadIn()
    {
        // Ten turns of 10 tokens, budget 50: the first chunk is turns 0..4 and the participant speaks at turn 4.
        var tokens = Enumerable.Repeat(10, 10).ToArray();

        var chunks = TranscriptChunker.Split(tokens, i => i is 4 or 8, budget: 50, overlap: 2);

        Assert.Equal(new TurnRange(0, 5), chunks[0]);
        // Turn 4 again, with two turns of lead-in and the replies after it.
        Assert.Equal(new TurnRange(2, 7), chunks[1]);
        Assert.Contains(chunks, c => c.Contains(8) && c.Start <= 6);
    }

    [Fact]
    public void Split_StretchWithoutTheParticipant_IsNotSent()
    {
        var tokens = Enumerable.Repeat(10, 30).ToArray();

        var chunks = TranscriptChunker.Split(tokens, i => i == 2, budget: 50, overlap: 1);

        Assert.Equal([new TurnRange(0, 5)], chunks);
    }

    [Fact]
    public void Split_TurnLargerThanTheBudget_Throws()
    {
        Assert.Throws<TranscriptTooLargeException>(() => TranscriptChunker.Split([5, 80, 5], _ => true, budget: 50, overlap: 1));
    }
}
