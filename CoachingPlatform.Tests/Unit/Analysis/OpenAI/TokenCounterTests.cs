using CoachingPlatform.Core.Analysis.OpenAI;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

public sealed class TokenCounterTests
{
    [Fact]
    public void ForModel_Gpt4oFamily_CountsWithTheModelsOwnTiktokenEncoding()
    {
        var counter = TokenCounter.ForModel("gpt-4o-mini");

        Assert.Equal("tiktoken:gpt-4o-mini", counter.Source);
        // o200k_base: "Hello world" is two tokens.
        Assert.Equal(2, counter.Count("Hello world"));
        Assert.Same(counter, TokenCounter.ForModel("GPT-4o-mini"));
    }

    [Fact]
    public void ForModel_UnknownModel_FallsBackToCl100k()
    {
        var counter = TokenCounter.ForModel("llama-3.1-8b-instruct");

        Assert.Equal("cl100k_base", counter.Source);
        Assert.InRange(counter.Count("[12] Maria: I walked three times this week."), 8, 20);
    }
}
