using CoachingPlatform.AppHost.Infrastructure;

namespace CoachingPlatform.Tests.Unit;

public sealed class InfraModeTests
{
    [Theory]
    [InlineData(null, InfraMode.Auto)]
    [InlineData("", InfraMode.Auto)]
    [InlineData("local", InfraMode.Local)]
    [InlineData("Containers", InfraMode.Containers)]
    [InlineData("EXISTING", InfraMode.Existing)]
    public void Parse_KnownValue_ReturnsMode(string? value, InfraMode expected) =>
        Assert.Equal(expected, InfraModeResolver.Parse(value));

    [Theory]
    [InlineData("docker")]
    [InlineData("42")]
    public void Parse_UnknownValue_ThrowsListingTheModes(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => InfraModeResolver.Parse(value));
        Assert.Contains("auto, containers, local, existing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InfraMode.Auto)]
    [InlineData(InfraMode.Local)]
    public void Resolve_PublishMode_AlwaysDescribesContainers(InfraMode requested) =>
        Assert.Equal(InfraMode.Containers, InfraModeResolver.Resolve(requested, isPublishMode: true));

    [Theory]
    [InlineData(InfraMode.Local)]
    [InlineData(InfraMode.Containers)]
    [InlineData(InfraMode.Existing)]
    public void Resolve_ExplicitModeWhenRunning_IsKept(InfraMode requested) =>
        Assert.Equal(requested, InfraModeResolver.Resolve(requested, isPublishMode: false));

    [Fact]
    public void DefaultDataRoot_DifferentCheckouts_GetDifferentFoldersUnderTemp()
    {
        var a = LocalServers.DefaultDataRoot("/src/one/CoachingPlatform.AppHost");
        var b = LocalServers.DefaultDataRoot("/src/two/CoachingPlatform.AppHost");

        Assert.NotEqual(a, b);
        Assert.StartsWith(Path.GetTempPath(), a, StringComparison.Ordinal);
        Assert.Equal(a, LocalServers.DefaultDataRoot("/src/one/CoachingPlatform.AppHost"));
    }
}
