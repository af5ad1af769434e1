using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>Registers the offline analyser and the local embeddings (the analysis wiring picks which analyser is used).</summary>
public static class LocalAnalysisExtensions
{
    /// <summary>
    /// Adds <see cref="ILocalEmbedder"/> (MiniLM, loaded on first use), <see cref="LocalEmbeddingGenerator"/> and
    /// <see cref="LocalParticipantAnalyzer"/> as singletons. Registers no <see cref="IParticipantAnalyzer"/> or
    /// <c>IEmbeddingGenerator</c> itself: the provider selection maps those to the local or the OpenAI implementation.
    /// </summary>
    public static IServiceCollection AddLocalAnalysis(this IServiceCollection services)
    {
        services.TryAddSingleton<ILocalEmbedder, MiniLmEmbedder>();
        services.TryAddSingleton(sp => new LocalEmbeddingGenerator(sp.GetRequiredService<ILocalEmbedder>()));
        services.TryAddSingleton(sp => new LocalParticipantAnalyzer(sp.GetRequiredService<ILocalEmbedder>()));
        return services;
    }
}
