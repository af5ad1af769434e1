namespace CoachingPlatform.Core.Analysis.OpenAI;

/// <summary>A contiguous range of whole turns (positions in the turn list, <see cref="End"/> exclusive).</summary>
internal readonly record struct TurnRange(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int position) => position >= Start && position < End;
}

/// <summary>
/// Splits a transcript that does not fit the model's context into overlapping chunks of whole turns. Every turn of
/// the participant lands in at least one chunk, and a chunk that ends soon after one of the participant's turns is
/// followed by a chunk that starts <c>overlap</c> turns before that turn, so each turn of theirs is seen with the
/// lead-in and the replies around it. Chunks with no turn of the participant are not sent. Nothing is truncated:
/// a single turn larger than the budget is an error, not a cut.
/// </summary>
internal static class TranscriptChunker
{
    /// <param name="turnTokens">Tokens of each transcript line, in transcript order.</param>
    /// <param name="isParticipant">Whether the turn at a position is the participant's.</param>
    /// <param name="budget">Tokens available for transcript lines in one request.</param>
    /// <param name="overlap">Turns of context kept before a participant's turn when a new chunk starts.</param>
    public static IReadOnlyList<TurnRange> Split(IReadOnlyList<int> turnTokens, Func<int, bool> isParticipant, int budget, int overlap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);

        var count = turnTokens.Count;
        for (var i = 0; i < count; i++)
        {
            if (turnTokens[i] > budget)
            {
                throw new TranscriptTooLargeException(i, turnTokens[i], budget);
            }
        }

        var chunks = new List<TurnRange>();
        var start = 0;
        while (start < count)
        {
            var end = start;
            var used = 0;
            while (end < count && used + turnTokens[end] <= budget)
            {
                used += turnTokens[end];
                end++;
            }

            var chunk = new TurnRange(start, end);
            if (Enumerable.Range(start, chunk.Length).Any(isParticipant))
            {
                chunks.Add(chunk);
            }

            if (end >= count)
            {
                break;
            }

            // The next chunk starts `overlap` turns before the first participant turn whose following context this
            // chunk's end cut off, else `overlap` turns before the end. When the budget is too small for that to move
            // forward, the chunks simply follow each other (every turn is still in one chunk).
            var next = end - overlap;
            for (var i = Math.Max(start, end - overlap); i < end; i++)
            {
                if (isParticipant(i) && i - overlap > start)
                {
                    next = Math.Min(next, i - overlap);
                    break;
                }
            }

            start = next > start ? next : end;
        }

        return chunks;
    }
}

/// <summary>One turn alone exceeds what a request can carry; cutting it would silently drop part of the transcript.</summary>
internal sealed class TranscriptTooLargeException(int position, int tokens, int budget)
    : Exception($"Transcript turn at position {position} has {tokens} tokens, more than the {budget} a request can carry.")
{
    public int Position { get; } = position;
}
