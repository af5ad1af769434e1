using CoachingPlatform.Core.Analysis.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoachingPlatform.Tests.Infrastructure.FakeOpenAi;

/// <summary>A host wired like the worker's AI part, pointed at a <see cref="FakeOpenAiServer"/>.</summary>
public static class FakeOpenAiHost
{
    /// <summary>
    /// Builds (does not start) a host with <c>AddOpenAiAnalysis</c> over <paramref name="server"/>. Like
    /// ServiceDefaults, every HttpClient first gets the standard resilience handler, so tests also prove the
    /// provider's client replaces it rather than stacking on it.
    /// </summary>
    public static IHost Build(
        FakeOpenAiServer server,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(server.Settings(overrides));
        builder.Services.AddLogging();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        if (!builder.AddOpenAiAnalysis())
        {
            throw new InvalidOperationException("The fake server's settings should configure the OpenAI provider.");
        }

        configure?.Invoke(builder);
        return builder.Build();
    }
}
