using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CoachingPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Tests.Integration.Sessions;

/// <summary>An API with a 256 KiB upload limit and 10,000-character lines, so the limits are cheap to exercise.</summary>
public sealed class SmallUploadApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Ingestion:MaxUploadBytes", "262144"), new("Ingestion:MaxLineLength", "10000")];
}

public sealed class UploadValidationTests(SmallUploadApiFactory api) : IClassFixture<SmallUploadApiFactory>
{
    public static TheoryData<string, string, int, string> BadTranscripts() => new()
    {
        { "empty", "empty.txt", 400, "COACH_301" },
        { "whitespace", "blank.txt", 400, "COACH_301" },
        { "png", "photo.txt", 415, "COACH_302" },
        { "random-bytes", "noise.vtt", 415, "COACH_302" },
        { "prose", "essay.txt", 415, "COACH_303" },
        { "bad-encoding", "latin.txt", 400, "COACH_304" },
        { "docx-not-zip", "notes.docx", 400, "COACH_305" },
        { "zip-not-word", "archive.docx", 400, "COACH_305" },
        { "zip-bomb", "bomb.docx", 400, "COACH_305" },
        { "thousands-of-speakers", "crowd.txt", 400, "COACH_306" },
        { "gigantic-line", "line.txt", 400, "COACH_306" },
        { "bad-vtt-times", "broken.vtt", 400, "COACH_307" },
    };

    [Theory]
    [MemberData(nameof(BadTranscripts))]
    public async Task Upload_BadTranscript_IsProblemJsonAndLeavesNothingBehind(string kind, string fileName, int status, string code)
    {
        var before = await CountsAsync();
        var client = await api.ClientForAsync(api.A.CoachEmail);

        var response = await client.PostAsync("/api/v1/sessions", Form(Make(kind), fileName));

        await AssertProblemAsync(response, status, code);
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData(null, "group", "COACH_100")]              // missing date
    [InlineData("27/11/2026", "group", "COACH_100")]      // wrong date format
    [InlineData("2999-01-01", "group", "COACH_308")]      // in the future
    [InlineData("2026-11-20", "Group Workshop!", "COACH_100")]
    [InlineData("2026-11-20", null, "COACH_100")]
    public async Task Upload_BadFormFields_Is400AndLeavesNothingBehind(string? date, string? type, string code)
    {
        var before = await CountsAsync();
        var client = await api.ClientForAsync(api.A.CoachEmail);

        var response = await client.PostAsync("/api/v1/sessions", Form(Encoding.UTF8.GetBytes("Avery Stone: Welcome.\nMaria: Thanks!\n"), "s.txt", date, type));

        await AssertProblemAsync(response, 400, code);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_Is413()
    {
        var before = await CountsAsync();
        var client = await api.ClientForAsync(api.A.CoachEmail);
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Avery Stone: " + new string('a', 90) + "\n", 3_000)));

        var response = await client.PostAsync("/api/v1/sessions", Form(big, "big.txt"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Upload_NotMultipart_Is415()
    {
        var client = await api.ClientForAsync(api.A.CoachEmail);

        var response = await client.PostAsJsonAsync("/api/v1/sessions", new { transcript = "Avery: hi" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Upload_Anonymous_Is401()
    {
        var response = await api.CreateClient().PostAsync("/api/v1/sessions", Form(Encoding.UTF8.GetBytes("A: hi\nB: ho\n"), "s.txt"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    internal static MultipartFormDataContent Form(byte[] content, string fileName, string? date = "2026-11-20", string? type = "group")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "transcript", fileName);
        if (date is not null)
        {
            form.Add(new StringContent(date), "sessionDate");
        }

        if (type is not null)
        {
            form.Add(new StringContent(type), "sessionType");
        }

        return form;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    private async Task<(int Sessions, int Clients, int Jobs, int ClientSessions)> CountsAsync()
    {
        await using var db = api.CreateDbContext();
        return (await db.Sessions.CountAsync(), await db.Clients.CountAsync(), await db.Jobs.CountAsync(), await db.ClientSessions.CountAsync());
    }

    private static byte[] Make(string kind) => kind switch
    {
        "empty" => [],
        "whitespace" => Encoding.UTF8.GetBytes("   \r\n\t\n  "),
        "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0],
        "random-bytes" => Random(4096, seed: 7),
        "prose" => Encoding.UTF8.GetBytes("This is an essay about coaching. It has sentences but no speakers at all.\nAnother paragraph follows, still without any speaker labels of any kind."),
        // Invalid UTF-8 lead bytes with C1 control characters that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
        "bad-encoding" => [.. Encoding.ASCII.GetBytes("Coach: hello "), 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xC3, 0x28, 0xA0, 0xA1, .. Encoding.ASCII.GetBytes("\nClient: hi\n")],
        "docx-not-zip" => Random(2048, seed: 11),
        "zip-not-word" => Zip(("readme.txt", Encoding.UTF8.GetBytes("just a zip"))),
        // 100 MB of zeros deflates to ~100 KB: past the 50 MB expansion limit and any sane compression ratio.
        "zip-bomb" => Zip(("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>")), ("word/document.xml", new byte[100 * 1024 * 1024])),
        "thousands-of-speakers" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 3_000).Select(i => $"Speaker {i:0000}: hello\n"))),
        // Over this fixture's 10,000-character line limit, well under its upload limit.
        "gigantic-line" => Encoding.UTF8.GetBytes("Avery Stone: " + new string('x', 20_000) + "\nMaria: hi\n"),
        "bad-vtt-times" => Encoding.UTF8.GetBytes("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\n<v Avery Stone>Hello</v>\n\n99:xx --> 00:00:02.000\n<v Maria>Hi</v>\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0; // a NUL early: unmistakably binary
        return bytes;
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
