using System.Net;
using Aspire.Hosting.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.EndToEnd;

[Collection(AppHostCollection.Name)]
public sealed class PlatformTests(AppHostFixture fixture)
{
    private static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    [Fact]
    public async Task Health_ApiAndWorker_AreReadyAndAlive()
    {
        using var worker = fixture.App.CreateHttpClient("worker");
        foreach (var client in new[] { fixture.Api, worker })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Timeout())).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Timeout())).StatusCode);
        }
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheApiRoutesAndTheReferencePageServes()
    {
        using var document = JsonDocument.Parse(await fixture.Api.GetStringAsync("/openapi/v1.json", Timeout()));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/v1/system/self-test", paths);
        Assert.Contains("/api/v1/system/jobs/{id}", paths);
        Assert.Equal("CoachingPlatform API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var page = await fixture.Api.GetAsync("/scalar", Timeout());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SelfTest_AnonymousCaller_IsRejected()
    {
        var response = await fixture.Api.PostAsync("/api/v1/system/self-test", null, Timeout());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SelfTest_EnqueuedThroughTheApiBySeededAdmin_IsProcessedByTheWorker()
    {
        var token = Timeout(90);
        using var admin = await fixture.ClientForSeededAsync("admin@coaching.local", token);
        var response = await admin.PostAsync("/api/v1/system/self-test", null, token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await response.Content.ReadFromJsonAsync<JsonElement>(token);
        var location = response.Headers.Location?.ToString();
        Assert.Equal($"/api/v1/system/jobs/{job.GetProperty("id").GetGuid()}", location);

        string? status;
        do
        {
            await Task.Delay(200, token);
            var current = await admin.GetFromJsonAsync<JsonElement>(location, token);
            status = current.GetProperty("status").GetString();
        }
        while (status is "Pending" or "Running");

        Assert.Equal("Succeeded", status);
    }

    [Fact]
    public async Task Errors_UnknownJob_IsProblemJsonWithCode()
    {
        using var admin = await fixture.ClientForSeededAsync("admin@coaching.local", Timeout());
        var response = await admin.GetAsync($"/api/v1/system/jobs/{Guid.NewGuid()}", Timeout());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Timeout());
        Assert.Equal("COACH_404", problem.GetProperty("code").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }
}
