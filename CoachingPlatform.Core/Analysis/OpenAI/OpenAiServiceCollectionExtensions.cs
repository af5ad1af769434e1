using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;

namespace CoachingPlatform.Core.Analysis.OpenAI;

public static class OpenAiServiceCollectionExtensions
{
    /// <summary>Activity source and meter of the chat and embedding calls (GenAI semantic conventions, token usage).</summary>
    public const string TelemetrySourceName = "CoachingPlatform.AI";

    /// <summary>The named HttpClient (and its resilience pipeline) every provider call goes through.</summary>
    public const string HttpClientName = "CoachingPlatform.OpenAI";

    /// <summary>
    /// Binds and validates <see cref="OpenAiOptions"/> (section <c>AI:OpenAI</c>) and, when an API key is configured,
    /// registers the OpenAI-compatible provider: <see cref="IChatClient"/> and
    /// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> (<c>string</c> → <c>Embedding&lt;float&gt;</c>) from
    /// Microsoft.Extensions.AI.OpenAI behind OpenTelemetry (source <see cref="TelemetrySourceName"/>) and logging,
    /// over an HttpClient with this provider's own resilience pipeline; and <see cref="OpenAiParticipantAnalyzer"/>,
    /// also as <see cref="IParticipantAnalyzer"/>.
    /// </summary>
    /// <returns>True when the provider is configured; false when no key is set (nothing but the options is registered,
    /// and the caller registers the local analyser).</returns>
    public static bool AddOpenAiAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenAiOptions>()
            .BindConfiguration(OpenAiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{OpenAiOptions.SectionName}:{nameof(OpenAiOptions.ApiKey)}"]))
        {
            return false;
        }

        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the documented way to opt one
        // client out of ConfigureHttpClientDefaults' handler, and the tests pin its effect (exact attempt counts).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(HttpClientName)
            // ServiceDefaults gives every HttpClient the standard resilience handler. Stacked under ours it would
            // multiply retries (4 x 4 attempts) and its 10 s attempt timeout would cut long completions, so this
            // client drops it and gets a pipeline sized for a slow, rate-limited, paid API.
            .RemoveAllResilienceHandlers()
            .ConfigureHttpClient(client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            // One long-lived client (held by the OpenAI client singleton): recycle pooled connections instead of
            // handlers so DNS changes are still picked up.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("openai", static (pipeline, context) =>
                ConfigureResilience(pipeline, context.ServiceProvider.GetRequiredService<IOptions<OpenAiOptions>>().Value));
#pragma warning restore EXTEXP0001

        builder.Services.AddSingleton(CreateOpenAiClient);

        builder.Services.AddChatClient(sp =>
                sp.GetRequiredService<OpenAIClient>().GetChatClient(Settings(sp).ChatModel).AsIChatClient())
            // Never record prompt or completion text in spans: transcripts are health-adjacent personal data.
            .UseOpenTelemetry(sourceName: TelemetrySourceName, configure: telemetry => telemetry.EnableSensitiveData = false)
            .UseLogging();

        builder.Services.AddEmbeddingGenerator(sp =>
                sp.GetRequiredService<OpenAIClient>().GetEmbeddingClient(Settings(sp).EmbeddingModel).AsIEmbeddingGenerator())
            .UseOpenTelemetry(sourceName: TelemetrySourceName, configure: telemetry => telemetry.EnableSensitiveData = false)
            .UseLogging();

        // The Microsoft.Extensions.AI logging clients write whole prompts and answers at Trace (and invocations at
        // Debug): transcripts are personal data, so their category logs from Information up (failures with the
        // exception) and never message text, unless a host deliberately overrides this rule.
        builder.Logging.AddFilter("Microsoft.Extensions.AI", LogLevel.Information);

        builder.Services.AddSingleton<OpenAiParticipantAnalyzer>();
        builder.Services.AddSingleton<IParticipantAnalyzer>(sp => sp.GetRequiredService<OpenAiParticipantAnalyzer>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        return true;
    }

    /// <summary>
    /// Outermost first: total timeout (<see cref="OpenAiOptions.Timeout"/>) → retry (exponential back-off with
    /// jitter, <c>Retry-After</c> honoured) → circuit breaker → per-attempt timeout. Retries and the breaker handle
    /// 408, 429, 5xx, connection failures and attempt timeouts; other 4xx (bad key, bad request) fail at once.
    /// </summary>
    internal static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, OpenAiOptions settings)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "openai-total", Timeout = settings.Timeout });

        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "openai-retry",
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                // A 429's Retry-After is the provider telling us when the quota frees up; it wins over the back-off.
                ShouldRetryAfterHeader = true,
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "openai-circuit",
            FailureRatio = settings.CircuitFailureRatio,
            MinimumThroughput = settings.CircuitMinimumThroughput,
            SamplingDuration = settings.CircuitSamplingDuration,
            BreakDuration = settings.CircuitBreakDuration,
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "openai-attempt", Timeout = settings.EffectiveAttemptTimeout });
    }

    private static OpenAiOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<OpenAiOptions>>().Value;

    private static OpenAIClient CreateOpenAiClient(IServiceProvider services)
    {
        var settings = Settings(services);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(settings.Endpoint),
            Transport = new HttpClientPipelineTransport(http),
            // The HttpClient's pipeline owns retries and timeouts; the SDK's own retry policy would stack on top.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // Above the total timeout so that the resilience pipeline's timeout is the one that fires.
            NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5),
        };
        return new OpenAIClient(new ApiKeyCredential(settings.ApiKey!), clientOptions);
    }
}
