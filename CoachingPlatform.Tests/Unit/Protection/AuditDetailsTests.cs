using CoachingPlatform.Core.Audit;
using CoachingPlatform.Core.Clients;

namespace CoachingPlatform.Tests.Unit.Protection;

public sealed class AuditDetailsTests
{
    [Fact]
    public void ToJson_IdsAndIdentifiers_SerialisesSortedByName()
    {
        var id = Guid.Parse("0b7d3c1e-0000-0000-0000-000000000001");

        var json = new AuditDetails().Identifiers("fields", ["name", "email"]).Ids("summaryIds", [id, id]).Count("n", 2).ToJson();

        Assert.Equal("""{"fields":["name","email"],"n":2,"summaryIds":["0b7d3c1e-0000-0000-0000-000000000001"]}""", json);
    }

    [Theory]
    [InlineData("maria@clinic.example")]
    [InlineData("Maria Lopez")]
    [InlineData("")]
    [InlineData("1abc")]
    public void Identifier_FreeText_IsRejected(string value)
    {
        Assert.Throws<ArgumentException>(() => new AuditDetails().Identifier("view", value));
        Assert.Throws<ArgumentException>(() => new AuditDetails().Id(value, Guid.NewGuid()));
    }

    [Theory]
    [InlineData("  MARÍA   Lopez ", "maria lopez")]
    [InlineData("Dr. María Lopez", "maria lopez")] // the same key speaker matching uses
    [InlineData("Ｍａｒｉａ", "maria")] // full-width letters (NFKC)
    [InlineData("Jo\tAnn\nSmith", "jo ann smith")]
    public void Normalize_Name_IsTheSpeakerKeyOfTheWidthFoldedName(string name, string expected)
    {
        Assert.Equal(expected, ClientNames.Normalize(name));
    }
}
