using CoachingPlatform.Core.Analysis.Local;

namespace CoachingPlatform.Tests.Unit.Analysis.Local;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Split_AbbreviationsAndEllipsis_KeepsSentencesWhole()
    {
        var sentences = SentenceSplitter.Split(4, "Call Dr. Patel's office. I guess... nothing terrible? Oh. Oh, that's it!\nNew line here");

        Assert.Equal(
            ["Call Dr. Patel's office.", "I guess... nothing terrible?", "Oh.", "Oh, that's it!", "New line here"],
            sentences.Select(s => s.Text));
        Assert.All(sentences, s => Assert.Equal(4, s.TurnIndex));
    }

    [Fact]
    public void Split_PunctuationOnly_ReturnsNothing()
    {
        Assert.Empty(SentenceSplitter.Split(0, " ... ?! "));
    }
}
