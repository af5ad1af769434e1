using Microsoft.Extensions.Hosting;

namespace CoachingPlatform.Tests.Infrastructure.FakeOpenAi;

/// <summary>A test class with its own loopback fake OpenAI server, and provider hosts built on it (disposed after).</summary>
public abstract class FakeOpenAiTestBase : IAsyncLifetime
{
    private readonly List<IHost> _hosts = [];

    protected FakeOpenAiServer Server { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        await Server.DisposeAsync();
    }

    /// <summary>A host with the OpenAI-compatible provider pointed at <see cref="Server"/>, with setting overrides.</summary>
    protected IHost Host(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var host = FakeOpenAiHost.Build(Server, overrides);
        _hosts.Add(host);
        return host;
    }
}
