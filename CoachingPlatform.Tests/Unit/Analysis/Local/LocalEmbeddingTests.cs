using System.Diagnostics;
using CoachingPlatform.Core.Analysis.Local;

using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CoachingPlatform.Tests.Unit.Analysis.Local;

public sealed class LocalEmbeddingTests(ITestOutputHelper output)
{
    [Fact]
    public void Embed_Sentences_NormalisedVectorsWithParaphrasesClosest()
    {
        var embedder = LocalAnalysisTestData.Embedder;

        var v = embedder.Embed(["I finished the report.", "I managed to finish the report.", "The weather is nice today."], CancellationToken.None);

        Assert.All(v, x => Assert.Equal(384, x.Length));
        Assert.All(v, x => Assert.Equal(1.0, Math.Sqrt(x.Sum(f => f * f)), 3));
        Assert.True(EmbeddingMath.Cosine(v[0], v[1]) > 0.8);
        Assert.True(EmbeddingMath.Cosine(v[0], v[2]) < 0.3);
    }

    [Fact]
    public void Embed_SameTextAloneOrInBatch_SameVector()
    {
        var embedder = LocalAnalysisTestData.Embedder;

        var alone = embedder.Embed(["Block a walk in my calendar."], CancellationToken.None)[0];
        var batch = embedder.Embed(["Something much longer comes first in this batch of sentences.", "Block a walk in my calendar."], CancellationToken.None)[1];

        Assert.True(EmbeddingMath.Cosine(alone, batch) > 0.9999);
    }

    [Fact]
    public async Task GenerateAsync_Adapter_ReturnsOneEmbeddingPerInputWithMetadata()
    {
        using var generator = new LocalEmbeddingGenerator(LocalAnalysisTestData.Embedder);

        var result = await generator.GenerateAsync(["first", "second", ""]);

        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.Equal(384, e.Vector.Length));
        Assert.All(result, e => Assert.Equal("all-MiniLM-L6-v2", e.ModelId));
        var metadata = Assert.IsType<EmbeddingGeneratorMetadata>(generator.GetService(typeof(EmbeddingGeneratorMetadata)));
        Assert.Equal(("local", "all-MiniLM-L6-v2", 384), (metadata.ProviderName, metadata.DefaultModelId, metadata.DefaultModelDimensions));
        Assert.Same(LocalAnalysisTestData.Embedder, generator.GetService(typeof(ILocalEmbedder)));
    }

    [Fact]
    public void Embed_ParallelCallers_SameVectorsAsSerial()
    {
        var embedder = LocalAnalysisTestData.Embedder;
        var texts = Enumerable.Range(0, 8).Select(i => $"Participant {i} will walk after lunch on day {i}.").ToArray();
        var serial = texts.Select(t => embedder.Embed([t], CancellationToken.None)[0]).ToArray();

        var parallel = new float[texts.Length][];
        Parallel.For(0, texts.Length, i => parallel[i] = embedder.Embed([texts[i]], CancellationToken.None)[0]);

        Assert.All(Enumerable.Range(0, texts.Length), i => Assert.Equal(serial[i], parallel[i]));
    }

    [Fact]
    public void Embed_Cost_LoadAndPerSentenceReported()
    {
        using var fresh = new MiniLmEmbedder();
        var watch = Stopwatch.StartNew();
        fresh.Embed(["warm up"], CancellationToken.None);
        var load = watch.Elapsed;
        var sentences = Enumerable.Range(0, 64).Select(i => $"Sentence {i}: I will block a fifteen minute walk in my calendar every weekday.").ToArray();

        watch.Restart();
        fresh.Embed(sentences, CancellationToken.None);
        var perSentence = watch.Elapsed / sentences.Length;

        output.WriteLine($"MiniLM load + first call: {load.TotalMilliseconds:F0} ms (model load {fresh.LoadTime?.TotalMilliseconds:F0} ms); {perSentence.TotalMilliseconds:F2} ms per sentence in a batch of 64");
        Assert.True(load < TimeSpan.FromSeconds(10), $"load took {load}");
    }

    [Fact]
    public void AddLocalAnalysis_Resolves_SingletonsSharingOneEmbedder()
    {
        using var provider = new ServiceCollection().AddLocalAnalysis().BuildServiceProvider();

        var embedder = provider.GetRequiredService<ILocalEmbedder>();
        var generator = provider.GetRequiredService<LocalEmbeddingGenerator>();
        var analyzer = provider.GetRequiredService<LocalParticipantAnalyzer>();

        Assert.Same(embedder, generator.GetService(typeof(ILocalEmbedder)));
        Assert.Same(analyzer, provider.GetRequiredService<LocalParticipantAnalyzer>());
        Assert.Equal("local", analyzer.Name);
    }
}
