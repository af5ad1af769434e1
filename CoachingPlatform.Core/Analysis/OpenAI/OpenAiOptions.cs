using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Core.Analysis.OpenAI;

/// <summary>
/// The OpenAI-compatible provider (section <c>AI:OpenAI</c>). With no <see cref="ApiKey"/> the provider is not
/// configured and the local analyser is used. <see cref="Endpoint"/> and the models are configuration, so any
/// OpenAI-compatible server works.
/// </summary>
public sealed class OpenAiOptions : IValidatableObject
{
    public const string SectionName = "AI:OpenAI";

    /// <summary>Base address of the API, including the version segment (requests go to <c>{Endpoint}/chat/completions</c>).</summary>
    [Required]
    public string Endpoint { get; set; } = "https://api.openai.com/v1";

    /// <summary>The API key (a secret: user secrets, an Aspire parameter or the environment). Empty = provider not configured.</summary>
    public string? ApiKey { get; set; }

    [Required]
    public string ChatModel { get; set; } = "gpt-4o-mini";

    [Required]
    public string EmbeddingModel { get; set; } = "text-embedding-3-small";

    /// <summary>Overall time for one provider call, retries and back-off included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Time for one attempt; when null, half the overall <see cref="Timeout"/> (at least 10 s, at most the overall
    /// timeout), so that a hung attempt still leaves time for one retry while a long completion is not cut short.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:30:00")]
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>Retries after the first attempt on 408/429/5xx, connection failures and attempt timeouts (0 = none).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential back-off (with jitter); a <c>Retry-After</c> header takes precedence.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed attempts within <see cref="CircuitSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the ratio counts.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit fails calls at once before letting a probe through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The model's context window in tokens; transcripts above it (less the reserve) are chunked.</summary>
    [Range(500, 10_000_000)]
    public int MaxContextTokens { get; set; } = 100_000;

    /// <summary>Most tokens the model may answer with; also kept free in the context window.</summary>
    [Range(100, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 4_000;

    /// <summary>Turns repeated at the start of the next chunk so that a participant's turn keeps its lead-in.</summary>
    [Range(0, 50)]
    public int ChunkOverlapTurns { get; set; } = 4;

    /// <summary>Price in US dollars per million input tokens (for the cost estimate; gpt-4o-mini list price by default).</summary>
    [Range(0.0, 10_000.0)]
    public decimal InputCostPerMillion { get; set; } = 0.15m;

    /// <summary>Price in US dollars per million output tokens.</summary>
    [Range(0.0, 10_000.0)]
    public decimal OutputCostPerMillion { get; set; } = 0.60m;

    /// <summary>True when a key is set: the OpenAI-compatible provider is used instead of the local analyser.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Tokens kept free for the answer and message framing when fitting a transcript.</summary>
    internal int ReserveTokens => MaxOutputTokens + 64;

    /// <summary>The per-attempt timeout actually applied.</summary>
    internal TimeSpan EffectiveAttemptTimeout
    {
        get
        {
            if (AttemptTimeout is { } explicitTimeout)
            {
                return explicitTimeout <= Timeout ? explicitTimeout : Timeout;
            }

            var half = Timeout / 2;
            var floor = TimeSpan.FromSeconds(10);
            return half >= floor ? half : (floor < Timeout ? floor : Timeout);
        }
    }

    /// <summary>Estimated cost in US dollars of the given token usage at the configured prices.</summary>
    public decimal EstimateCost(long inputTokens, long outputTokens) =>
        ((inputTokens * InputCostPerMillion) + (outputTokens * OutputCostPerMillion)) / 1_000_000m;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("AI:OpenAI:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }

        if (ReserveTokens * 2 > MaxContextTokens)
        {
            yield return new ValidationResult(
                "AI:OpenAI:MaxOutputTokens must leave at least half of MaxContextTokens for the transcript.",
                [nameof(MaxOutputTokens), nameof(MaxContextTokens)]);
        }

        if (AttemptTimeout is { } attempt && attempt > Timeout)
        {
            yield return new ValidationResult("AI:OpenAI:AttemptTimeout must not exceed Timeout.", [nameof(AttemptTimeout)]);
        }
    }
}
