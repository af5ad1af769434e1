using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoachingPlatform.Api;
using CoachingPlatform.Tests.Infrastructure;
using CoachingPlatform.Tests.Infrastructure.FakeOpenAi;
using CoachingPlatform.Worker;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CoachingPlatform.Benchmarks;

/// <summary>
/// Upload to <c>ReadyForReview</c> of a 12-participant, 45-minute workshop (<see cref="WorkshopTranscript"/>) through
/// the whole platform in-process: one API and one worker host (the tests' host settings) on a durable PostgreSQL and
/// Redis, the production job poll interval (a NOTIFY wakes the worker). The clock starts before
/// <c>POST /api/v1/sessions</c> and stops when <c>GET /sessions/{id}/status</c> (polled every 25 ms) says
/// <c>ReadyForReview</c>. Provider "local" is the offline analyser; "fake" is the OpenAI-compatible analyser against
/// the tests' fake server answering every call after <c>--delay-ms</c> with a grounded summary. A warm-up run (JIT,
/// model load, connection pools) comes first and is reported separately.
/// </summary>
internal static partial class AnalysisBench
{
    public static async Task RunAsync(string[] args)
    {
        var runs = JobThroughputBench.Arg(args, "--runs", 3);
        var delay = TimeSpan.FromMilliseconds(JobThroughputBench.Arg(args, "--delay-ms", 2000));
        var parallelism = JobThroughputBench.Arg(args, "--parallelism", 6);
        var i = Array.IndexOf(args, "--provider");
        var provider = i >= 0 && i + 1 < args.Length ? args[i + 1] : "local";
        if (provider is not ("local" or "fake"))
        {
            throw new ArgumentException("--provider is local or fake.");
        }

        var (vtt, cues, words, source) = WorkshopTranscript.Build();
        Console.WriteLine($"Workshop: {WorkshopTranscript.Participants.Length} participants + coach, 45:00, {cues} cues, {words:N0} words ({source}), {vtt.Length:N0} bytes WebVTT");

        var server = await LocalPostgresServer.StartAsync(durable: true);
        try
        {
            await RunOnServerAsync(server, provider, runs, delay, parallelism, vtt);
        }
        finally
        {
            server.Process.Kill(entireProcessTree: true);
        }
    }

    private static async Task RunOnServerAsync(LocalPostgresServer.Server server, string provider, int runs, TimeSpan delay, int parallelism, byte[] vtt)
    {
        var redis = await LocalRedisServer.ConnectionStringAsync();
        await using var database = await LocalPostgresServer.CreateDatabaseAsync(server, CancellationToken.None);
        SeededOrg org;
        await using (var db = database.CreateContext())
        {
            org = SeededOrg.Add(db, "bench");
            db.Coaches.Local.Single(c => c.Id == org.CoachId).Name = WorkshopTranscript.Coach; // so the coach is recognised
            await db.SaveChangesAsync();
        }

        await using var fake = provider == "fake" ? await FakeOpenAiServer.StartAsync() : null;
        var settings = new Dictionary<string, string?>
        {
            ["Analysis:MaxParallelism"] = parallelism.ToString(CultureInfo.InvariantCulture),
            ["Jobs:PollInterval"] = "00:00:02", // the production default, not the tests' 200 ms
        };
        if (fake is not null)
        {
            fake.ResponseDelay = delay;
            fake.ChatResponder = GroundedReply;
            var attempt = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(5).Ticks, delay.Ticks * 3));
            foreach (var (key, value) in fake.Settings(new Dictionary<string, string?>
                     {
                         ["AttemptTimeout"] = attempt.ToString("c", CultureInfo.InvariantCulture),
                         ["Timeout"] = (attempt * 4).ToString("c", CultureInfo.InvariantCulture),
                     }))
            {
                settings[key] = value;
            }
        }

        await using var api = new BenchHost<ApiAssemblyMarker>(database.ConnectionString, redis, settings);
        await using var worker = new BenchHost<WorkerAssemblyMarker>(database.ConnectionString, redis, settings);
        _ = api.Server;
        _ = worker.Server;
        using var client = await SignInAsync(api, org.CoachEmail);

        Console.WriteLine($"provider {provider}{(fake is null ? "" : $" ({delay.TotalMilliseconds:F0} ms a call)")}, Analysis:MaxParallelism {parallelism}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| run | provider | parallelism | to Analysing s | analysis s | upload → ReadyForReview s | participants summarised | provider calls | peak calls in flight | analyser | mean quality |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        for (var run = 0; run <= runs; run++)
        {
            var callsBefore = fake?.ChatRequests.Count ?? 0;
            var result = await RunOnceAsync(client, database, vtt);
            var calls = fake?.ChatRequests.Skip(callsBefore).ToList();
            var label = run == 0 ? "warm-up" : run.ToString(CultureInfo.InvariantCulture);
            var providerLabel = fake is null ? "local" : $"fake {delay.TotalSeconds:0.#} s";
            Console.WriteLine(
                $"| {label} | {providerLabel} | {parallelism} | {result.ToAnalysing.TotalSeconds:F2} | {(result.Total - result.ToAnalysing).TotalSeconds:F2} | " +
                $"**{result.Total.TotalSeconds:F2}** | {result.Summarised} of {result.Participants} | {(calls is null ? "–" : calls.Count)} | " +
                $"{(calls is null ? "–" : PeakInFlight(calls, delay))} | {result.Analyser} | {result.MeanQuality:F2} |");
        }
    }

    private sealed record Result(TimeSpan ToAnalysing, TimeSpan Total, int Participants, int Summarised, string Analyser, double MeanQuality);

    private static async Task<Result> RunOnceAsync(HttpClient client, TestDatabase database, byte[] vtt)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(vtt);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/vtt");
        form.Add(file, "transcript", "workshop.vtt");
        form.Add(new StringContent(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "sessionDate");
        form.Add(new StringContent("group"), "sessionType");

        var stopwatch = Stopwatch.StartNew();
        using var upload = await client.PostAsync("/api/v1/sessions", form, timeout.Token);
        if (upload.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Upload answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync(timeout.Token)}");
        }

        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("id").GetGuid();
        TimeSpan? toAnalysing = null;
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}/status", timeout.Token);
            var name = status.GetProperty("status").GetString();
            if (name == "ReadyForReview")
            {
                break;
            }

            if (name is "Failed" or "NeedsAttention")
            {
                throw new InvalidOperationException($"Session {id} ended {name}: {status.GetProperty("reason")}");
            }

            if (name == "Analysing")
            {
                toAnalysing ??= stopwatch.Elapsed;
            }

            await Task.Delay(25, timeout.Token);
        }

        var total = stopwatch.Elapsed;
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{id}", timeout.Token);
        var participants = detail.GetProperty("participants").EnumerateArray().ToList();
        var summarised = participants.Count(p => p.GetProperty("summaryId").ValueKind != JsonValueKind.Null);
        await using var db = database.CreateContext();
        var stored = await db.Summaries.Where(s => s.ClientSession.SessionId == id).Select(s => new { s.Model, s.QualityScore }).ToListAsync(timeout.Token);
        return new Result(toAnalysing ?? total, total, participants.Count, summarised, string.Join(", ", stored.Select(s => s.Model).Distinct()),
            stored.Count == 0 ? 0 : stored.Average(s => s.QualityScore));
    }

    /// <summary>Most provider calls in flight at once: calls received within one reply delay of each other.</summary>
    private static int PeakInFlight(List<RecordedRequest> calls, TimeSpan delay) =>
        calls.Count == 0 ? 0 : calls.Max(c => calls.Count(o => o.ReceivedAt <= c.ReceivedAt && o.ReceivedAt > c.ReceivedAt - delay));

    /// <summary>
    /// What a good model answers: a summary of the participant named in the prompt whose every item quotes (and cites)
    /// one of their own turns, so the quality gate keeps it.
    /// </summary>
    private static FakeReply GroundedReply(RecordedRequest request)
    {
        var prompt = request.Messages.LastOrDefault(m => m.Role == "user").Content ?? string.Empty;
        var who = ParticipantLine().Match(prompt);
        var name = who.Success ? who.Groups["name"].Value : "The participant";
        var labels = who.Success ? who.Groups["labels"].Value.Split(", ").ToHashSet(StringComparer.Ordinal) : [];
        var turns = TurnLine().Matches(prompt)
            .Where(m => labels.Contains(m.Groups["speaker"].Value) && m.Groups["text"].Value.Split(' ').Length >= 8)
            .Select(m => (Index: int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture), Text: m.Groups["text"].Value))
            .ToList();
        if (turns.Count == 0)
        {
            return FakeReply.Json(new { narrative = $"{name} said little.", bullets = Array.Empty<string>(), wins = Array.Empty<object>(), challenges = Array.Empty<object>(), actionItems = Array.Empty<object>(), recommendations = Array.Empty<object>(), breakthrough = NoSignal, urgent = NoSignal, confused = NoSignal });
        }

        (int Index, string Text) Pick(int k) => turns[Math.Min(k, turns.Count - 1)];
        static string Quote(string text) => string.Join(' ', text.Split(' ').Take(14));
        object Item(int k) => new { text = Quote(Pick(k).Text), evidence = new[] { Pick(k).Index } };
        var first = Pick(0);
        var middle = Pick(turns.Count / 2);
        var last = Pick(turns.Count - 1);
        return FakeReply.Json(
            new
            {
                narrative = $"{name} took part in all three rounds. They described where they are now and what they want to change, and ended with a concrete next step.",
                bullets = new[] { Quote(first.Text), Quote(middle.Text), Quote(last.Text) },
                wins = new[] { Item(0) },
                challenges = new[] { Item(turns.Count / 2) },
                actionItems = new[] { new { text = Quote(last.Text), owner = name, due = (string?)null, evidence = new[] { last.Index } } },
                recommendations = new[] { Item(turns.Count - 1) },
                breakthrough = NoSignal,
                urgent = NoSignal,
                confused = NoSignal,
            },
            promptTokens: prompt.Length / 4,
            completionTokens: 350);
    }

    private static readonly object NoSignal = new { present = false, evidence = Array.Empty<int>() };

    private static async Task<HttpClient> SignInAsync(BenchHost<ApiAssemblyMarker> host, string email)
    {
        var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<ApiFactory.TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return client;
    }

    [GeneratedRegex(@"^Participant to summarise: (?<name>.+?) \(speaker labels: (?<labels>.*)\)$", RegexOptions.Multiline)]
    private static partial Regex ParticipantLine();

    [GeneratedRegex(@"^\[(?<index>\d+)\] (?<speaker>[^:\n]+): (?<text>.*)$", RegexOptions.Multiline)]
    private static partial Regex TurnLine();

    /// <summary>
    /// An API or worker host with the tests' settings (<see cref="TestHostSettings.Apply"/>), but logging only warnings
    /// to the console: the tests' <see cref="TestHost{TMarker}"/> keeps every log line at Trace level in memory, which
    /// would be part of what is measured.
    /// </summary>
    private sealed class BenchHost<TMarker>(string database, string redis, IEnumerable<KeyValuePair<string, string?>> settings)
        : WebApplicationFactory<TMarker> where TMarker : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            TestHostSettings.Apply(builder, database, redis, time: null, logs: null, settings);
            // TestServer has no request body size feature (a warning per upload) and the in-memory key ring warns once.
            builder.ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole()
                .AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning)
                .AddFilter<ConsoleLoggerProvider>("Microsoft.AspNetCore", LogLevel.Error));
        }
    }
}
