using CoachingPlatform.Tests.Infrastructure.FakeOpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoachingPlatform.Tests.Unit.Analysis.OpenAI;

/// <summary>Streaming chat (for the refinement chat) and embeddings (for search) through the registered clients.</summary>
public sealed class OpenAiStreamingAndEmbeddingTests : FakeOpenAiTestBase
{
    private IServiceProvider _services = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _services = Host().Services;
    }


    [Fact]
    public async Task GetStreamingResponseAsync_StreamedReply_TextDeltasArriveInOrder()
    {
        string[] deltas = ["Maria, ", "well done ", "on your ", "three walks", "!"];
        Server.EnqueueChat(FakeReply.Stream(deltas));
        var chat = _services.GetRequiredService<IChatClient>();

        var received = new List<string>();
        await foreach (var update in chat.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "Make it warmer.")], new ChatOptions { Temperature = 0f }, CancellationToken.None))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                received.Add(update.Text);
            }
        }

        Assert.Equal(deltas, received);
        var request = Assert.Single(Server.ChatRequests);
        Assert.True(request.Streaming);
        Assert.Equal("gpt-4o-mini", request.Model);
    }

    [Fact]
    public async Task GenerateAsync_Base64Encoding_DecodesTheServersVectors()
    {
        var generator = _services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["morning walks", "stress at work"], cancellationToken: CancellationToken.None);

        var request = Assert.Single(Server.EmbeddingRequests);
        Assert.Equal("text-embedding-3-small", request.Model);
        Assert.Equal("base64", request.Json!["encoding_format"]!.GetValue<string>());
        Assert.Equal(2, embeddings.Count);
        Assert.Equal(FakeOpenAiServer.VectorFor("morning walks", 8), embeddings[0].Vector.ToArray());
        Assert.Equal(FakeOpenAiServer.VectorFor("stress at work", 8), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_FloatArrayReply_ParsesTheVectors()
    {
        Server.EnqueueEmbeddings(FakeReply.FloatEmbeddings());
        var generator = _services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embedding = await generator.GenerateAsync("morning walks", cancellationToken: CancellationToken.None);

        // The client asked for base64; this server ignores that and sends JSON floats, which must parse too.
        Assert.Equal("base64", Assert.Single(Server.EmbeddingRequests).Json!["encoding_format"]!.GetValue<string>());
        Assert.Equal(FakeOpenAiServer.VectorFor("morning walks", 8), embedding.Vector.ToArray());
    }
}
