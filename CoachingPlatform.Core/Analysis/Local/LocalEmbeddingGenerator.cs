using Microsoft.Extensions.AI;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over the in-process <see cref="ILocalEmbedder"/>, so search and
/// anything else written against Microsoft.Extensions.AI can use local embeddings when no provider is configured.
/// Does not own the embedder (a singleton): disposing this adapter leaves it loaded.
/// </summary>
public sealed class LocalEmbeddingGenerator(ILocalEmbedder embedder) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("local", null, embedder.ModelId, embedder.Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        var vectors = embedder.Embed(texts, cancellationToken);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Count);
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = embedder.ModelId });
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(embedder) ? embedder
            : null;
    }

    public void Dispose()
    {
        // The embedder is a shared singleton owned by the container.
    }
}
