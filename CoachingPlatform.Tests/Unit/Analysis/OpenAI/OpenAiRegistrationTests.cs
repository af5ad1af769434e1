using System.Diagnostics;
using System.Globalization;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Analysis.OpenAI;
using CoachingPlatform.Tests.Infrastructure.FakeOpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

public sealed class OpenAiRegistrationTests
{
    [Fact]
    public void AddOpenAiAnalysis_NoApiKey_ReturnsFalseAndRegistersNoProvider()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AI:OpenAI:ChatModel"] = "gpt-4o" });

        var configured = builder.AddOpenAiAnalysis();

        Assert.False(configured);
        using var host = builder.Build();
        Assert.Null(host.Services.GetService<IChatClient>());
        Assert.Null(host.Services.GetService<IParticipantAnalyzer>());
        var options = host.Services.GetRequiredService<IOptions<OpenAiOptions>>().Value;
        Assert.False(options.IsConfigured);
        Assert.Equal("https://api.openai.com/v1", options.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Timeout);
        Assert.Equal(100_000, options.MaxContextTokens);
    }

    [Fact]
    public async Task AddOpenAiAnalysis_ApiKey_RegistersInstrumentedClientsAndTheAnalyzer()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var host = FakeOpenAiHost.Build(server);

        var chat = host.Services.GetRequiredService<IChatClient>();
        Assert.NotNull(chat.GetService<OpenTelemetryChatClient>());
        Assert.NotNull(chat.GetService<LoggingChatClient>());
        Assert.Equal("gpt-4o-mini", chat.GetService<ChatClientMetadata>()?.DefaultModelId);
        var embeddings = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.NotNull(embeddings.GetService<OpenTelemetryEmbeddingGenerator<string, Embedding<float>>>());
        var analyzer = host.Services.GetRequiredService<IParticipantAnalyzer>();
        Assert.IsType<OpenAiParticipantAnalyzer>(analyzer);
        Assert.Equal("openai", analyzer.Name);
    }

    [Theory]
    [InlineData("Endpoint", "not a url")]
    [InlineData("MaxRetries", "-1")]
    [InlineData("MaxContextTokens", "1000")]
    [InlineData("AttemptTimeout", "00:05:00")]
    public async Task AddOpenAiAnalysis_InvalidSetting_FailsValidation(string key, string value)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var host = FakeOpenAiHost.Build(server, new Dictionary<string, string?> { [key] = value });

        Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<OpenAiOptions>>().Value);
    }

    [Fact]
    public void EstimateCost_TokenUsage_UsesThePerMillionPrices()
    {
        var options = new OpenAiOptions { InputCostPerMillion = 0.15m, OutputCostPerMillion = 0.60m };

        Assert.Equal(0.00027m, options.EstimateCost(1_000, 200));
    }

    [Fact]
    public async Task AnalyseAsync_ChatCall_EmitsAGenAiSpanWithTokenUsageAndNoContent()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.EnqueueChat(FakeReply.Json(OpenAiTestData.GoodReply, promptTokens: 345, completionTokens: 67));
        using var host = FakeOpenAiHost.Build(server);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OpenAiServiceCollectionExtensions.TelemetrySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await host.Services.GetRequiredService<IParticipantAnalyzer>().AnalyseAsync(OpenAiTestData.Request(), CancellationToken.None);

        Activity span;
        lock (spans)
        {
            // Other tests may run chat calls at the same time: pick ours by its token counts.
            span = Assert.Single(spans, s => Convert.ToInt64(s.GetTagItem("gen_ai.usage.input_tokens") ?? 0L, CultureInfo.InvariantCulture) == 345);
        }

        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("gpt-4o-mini", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(67L, Convert.ToInt64(span.GetTagItem("gen_ai.usage.output_tokens"), CultureInfo.InvariantCulture));
        // Sensitive data stays off: no transcript text in the span.
        Assert.DoesNotContain(span.Tags, t => t.Value?.Contains("walked three times", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("walked three times", StringComparison.Ordinal) == true);
    }
}
