using CoachingPlatform.Core.Analysis.Local;

namespace CoachingPlatform.Tests.Unit.Analysis.Local;

public sealed class RedFlagNegationTests
{
    [Theory]
    [InlineData("I can't ignore the chest pain any more.", true)]
    [InlineData("I can't stop the panic attacks at night.", true)]
    [InlineData("I stopped taking my medication last week.", true)]
    [InlineData("I haven't stopped taking my medication.", false)]
    [InlineData("There was no chest pain this time.", false)]
    [InlineData("I'm not suicidal, just tired.", false)]
    public void Urgent_NegationOnlyRightBeforeTheCue_CancelsIt(string sentence, bool urgent) =>
        Assert.Equal(urgent, CueLexicon.Has(CueKind.Urgent, sentence));
}
