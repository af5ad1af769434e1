using CoachingPlatform.Core.Participants;

namespace CoachingPlatform.Tests.Unit.Participants;

public sealed class SpeakerNameTests
{
    [Fact]
    public void Parse_ExtraWhitespace_DisplayCollapsedAndKeyFolded()
    {
        var name = SpeakerName.Parse("  Dr.   Anna \t Lee ");

        Assert.Equal("Dr. Anna Lee", name.Display);
        Assert.Equal("anna lee", name.Key);
        Assert.Equal("anna", name.FirstName);
        Assert.Equal("lee", name.LastName);
        Assert.Equal(["anna", "lee"], name.Tokens);
    }

    [Theory]
    [InlineData("Dr Sam Patel")]
    [InlineData("Dr. Sam Patel")]
    [InlineData("Mr. Sam Patel")]
    [InlineData("Mrs Sam Patel")]
    [InlineData("Ms. Sam Patel")]
    [InlineData("Miss Sam Patel")]
    [InlineData("Mx Sam Patel")]
    [InlineData("Prof. Sam Patel")]
    [InlineData("Professor Sam Patel")]
    [InlineData("Coach Sam Patel")]
    [InlineData("Sir Sam Patel")]
    [InlineData("Madam Sam Patel")]
    [InlineData("SAM PATEL")]
    [InlineData("sam patel")]
    [InlineData("Patel, Sam")]
    [InlineData("Sam Patel (he/him)")]
    [InlineData("Sam Patel (Host)")]
    [InlineData("Sam Patel - iPhone")]
    [InlineData("Sam Patel – Work laptop")]
    [InlineData("Sam Patel, PhD")]
    [InlineData("Prof. Dr. Sam Patel")]
    public void Parse_TitlesCaseAndDecorations_SameKey(string label) =>
        Assert.Equal("sam patel", SpeakerName.Parse(label).Key);

    [Fact]
    public void Parse_Diacritics_RemovedFromKeyKeptInDisplay()
    {
        var withDiaeresis = SpeakerName.Parse("Zoë");
        var plain = SpeakerName.Parse("Zoe");

        Assert.Equal(plain.Key, withDiaeresis.Key);
        Assert.Equal("zoe", withDiaeresis.Key);
        Assert.Equal("Zoë", withDiaeresis.Display);
        Assert.Equal("Zoë", withDiaeresis.PersonName);
    }

    [Theory]
    [InlineData("José Núñez", "jose nunez")]
    [InlineData("Søren Kierkegaard", "soren kierkegaard")]
    [InlineData("Łukasz Wróbel", "lukasz wrobel")]
    [InlineData("Jürgen Groß", "jurgen gross")]
    [InlineData("Zoë  O’Brien-Lee", "zoe o'brien-lee")]
    public void Parse_NonAsciiLetters_FoldedToAsciiKey(string label, string key) =>
        Assert.Equal(key, SpeakerName.Parse(label).Key);

    [Fact]
    public void Parse_LastCommaFirst_ReorderedForPersonNameAndKey()
    {
        var name = SpeakerName.Parse("Lee, Anna");

        Assert.Equal("Lee, Anna", name.Display);
        Assert.Equal("Anna Lee", name.PersonName);
        Assert.Equal("anna lee", name.Key);
    }

    [Fact]
    public void Parse_PronounSuffix_StrippedFromPersonName()
    {
        var name = SpeakerName.Parse("Anna Lee (she/her)");

        Assert.Equal("Anna Lee (she/her)", name.Display);
        Assert.Equal("Anna Lee", name.PersonName);
        Assert.Equal("anna lee", name.Key);
    }

    [Theory]
    [InlineData("Anna's iPhone", "anna")]
    [InlineData("Mary-Jane Watson", "mary-jane watson")]
    [InlineData("J.R. Smith", "j r smith")]
    [InlineData("Speaker 1", "speaker 1")]
    public void Parse_OtherShapes_ExpectedKey(string label, string key) =>
        Assert.Equal(key, SpeakerName.Parse(label).Key);

    [Fact]
    public void Parse_OnlyATitle_KeepsTheTitleAsKey() =>
        Assert.Equal("coach", SpeakerName.Parse("Coach").Key);

    [Fact]
    public void Parse_DrLeeAndLee_SameSingleTokenKey()
    {
        var title = SpeakerName.Parse("Dr. Lee");

        Assert.Equal(SpeakerName.Parse("lee").Key, title.Key);
        Assert.True(title.IsSingleToken);
        Assert.Null(title.LastName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--")]
    public void Parse_Blank_IsEmpty(string? label) => Assert.True(SpeakerName.Parse(label).IsEmpty);
}
