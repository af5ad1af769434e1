using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace CoachingPlatform.Core.Analysis.OpenAI;

/// <summary>Counts tokens the way the configured chat model does, so transcripts are fitted to its context window.</summary>
internal sealed class TokenCounter
{
    private static readonly ConcurrentDictionary<string, Lazy<TokenCounter>> Cache = new(StringComparer.OrdinalIgnoreCase);

    private readonly Tokenizer? _tokenizer;

    private TokenCounter(string encoding, Tokenizer? tokenizer)
    {
        Source = encoding;
        _tokenizer = tokenizer;
    }

    /// <summary>"tiktoken:{model}" (the model's own encoding), "cl100k_base" or "chars/4" (when no tokenizer could be loaded).</summary>
    public string Source { get; }

    /// <summary>
    /// The counter for a model: its own tiktoken encoding when Microsoft.ML.Tokenizers knows the model (o200k for the
    /// gpt-4o family), else cl100k (close enough for most BPE models behind OpenAI-compatible servers), else chars/4.
    /// Tokenizers are large, so one per model is built once and shared (they are thread-safe).
    /// </summary>
    public static TokenCounter ForModel(string model) =>
        Cache.GetOrAdd(model, m => new Lazy<TokenCounter>(() => Create(m))).Value;

    public int Count(string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        return _tokenizer?.CountTokens(text) ?? ((text.Length + 3) / 4);
    }

    private static TokenCounter Create(string model)
    {
        try
        {
            var tokenizer = TiktokenTokenizer.CreateForModel(model);
            return new TokenCounter("tiktoken:" + model, tokenizer);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or FileNotFoundException)
        {
            // Not an OpenAI model name (a model on another OpenAI-compatible server): fall through to an approximation.
        }

        try
        {
            return new TokenCounter("cl100k_base", TiktokenTokenizer.CreateForEncoding("cl100k_base"));
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or FileNotFoundException)
        {
            return new TokenCounter("chars/4", null);
        }
    }
}
