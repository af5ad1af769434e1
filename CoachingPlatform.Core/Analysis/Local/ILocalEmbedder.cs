namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>
/// Sentence embeddings computed in-process (no network). Implementations are singletons, load their model once on first
/// use, are thread-safe, and return the same vectors for the same texts.
/// </summary>
public interface ILocalEmbedder
{
    /// <summary>The model's name, e.g. "all-MiniLM-L6-v2".</summary>
    string ModelId { get; }

    /// <summary>Length of every vector returned.</summary>
    int Dimensions { get; }

    /// <summary>One L2-normalised vector per text, in order (so a dot product is the cosine similarity).</summary>
    IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}

/// <summary>Vector helpers for normalised embeddings.</summary>
public static class EmbeddingMath
{
    /// <summary>Cosine similarity of two vectors (any length; the shorter length is used).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        float dot = 0, na = 0, nb = 0;
        for (var i = 0; i < n; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / MathF.Sqrt(na * nb);
    }
}
