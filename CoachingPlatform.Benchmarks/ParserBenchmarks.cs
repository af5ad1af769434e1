using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CoachingPlatform.Core.Transcripts;

using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Benchmarks;

/// <summary>
/// Transcript parse throughput per format on ~10 MB inputs (the default upload limit), built from the AnnoMI corpus
/// (../shared/reference/annomi) repeated until the size is reached, or from a synthetic conversation when the corpus
/// is not there. Reports MB/s (10^6 bytes of input per second, one core) and bytes allocated per MB of input.
///   dotnet run -c Release --project CoachingPlatform.Benchmarks -- --filter "*Parser*" --job short
/// Results: docs/benchmarks.md, "Transcript parsing".
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ParserBenchmarkConfig))]
public class ParserBenchmarks
{
    // A 10 MB transcript has ~100k turns; the default MaxTurns (100,000) is for real sessions, not this stress input.
    private static readonly TranscriptLimits Limits = TranscriptLimits.Default with { MaxTurns = int.MaxValue };

    private byte[] _input = [];

    [ParamsAllValues]
    public TranscriptFormat Format { get; set; }

    [GlobalSetup]
    public void Setup() => _input = ParserBenchmarkInputs.Get(Format);

    [Benchmark]
    public int Parse() => TranscriptParser.Parse(_input, null, Limits).Turns.Count;
}

/// <summary>Adds the MB/s and allocated-per-MB columns and leaves .docx out (its cost is the OpenXML DOM, measured separately if needed).</summary>
internal sealed class ParserBenchmarkConfig : ManualConfig
{
    public ParserBenchmarkConfig()
    {
        AddColumn(new ThroughputColumn(), new AllocationPerMegabyteColumn());
        AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(b =>
            b.Parameters["Format"] is not TranscriptFormat.Docx));
    }

    private static double InputMegabytes(BenchmarkCase benchmarkCase) =>
        ParserBenchmarkInputs.Get((TranscriptFormat)benchmarkCase.Parameters["Format"]).Length / 1_000_000.0;

    private abstract class Column(string id, string name, string legend) : IColumn
    {
        public string Id => id;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => legend;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
        public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase);
    }

    private sealed class ThroughputColumn() : Column("MBps", "MB/s", "Input megabytes (10^6 bytes) parsed per second")
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { } stats
                ? (InputMegabytes(benchmarkCase) / (stats.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "-";
    }

    private sealed class AllocationPerMegabyteColumn() : Column("AllocPerMB", "Alloc/MB", "Bytes allocated per megabyte of input")
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes
                ? (bytes / InputMegabytes(benchmarkCase) / 1_000_000).ToString("0.00 'MB'", CultureInfo.InvariantCulture)
                : "-";
    }
}

/// <summary>The benchmark inputs, built the same way in the host (for the columns) and in the benchmark process.</summary>
internal static class ParserBenchmarkInputs
{
    private const int TargetBytes = 10_000_000;
    private static readonly Dictionary<TranscriptFormat, byte[]> Cache = [];
    private static readonly Lock Gate = new();

    public static byte[] Get(TranscriptFormat format)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(format, out var bytes))
            {
                bytes = Build(format);
                Cache[format] = bytes;
            }

            return bytes;
        }
    }

    private static byte[] Build(TranscriptFormat format)
    {
        var source = LoadAnnoMi() ?? Synthetic();
        var text = new StringBuilder(TargetBytes + 100_000);
        var turns = new List<(string Speaker, double Start, double End, string Text)>();
        double offset = 0;
        var round = 0;
        var jsonLength = 0;
        // Repeat the corpus, shifted in time, until the rendering reaches the target size.
        while ((format == TranscriptFormat.Json ? jsonLength : text.Length) < TargetBytes)
        {
            foreach (var (speaker, start, end, utterance) in source)
            {
                var turn = (speaker, start + offset, end + offset, utterance);
                if (format == TranscriptFormat.Json)
                {
                    turns.Add(turn);
                    jsonLength += utterance.Length + speaker.Length + 60;
                }
                else
                {
                    Render(format, text, turn, turns.Count + (round * source.Count) + 1);
                }
            }

            offset = source[^1].End + offset + 5;
            round++;
        }

        if (format == TranscriptFormat.Json)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new
            {
                turns = turns.Select(t => new { speaker = t.Speaker, start = t.Start, end = t.End, text = t.Text }),
            });
        }

        return Encoding.UTF8.GetBytes(format == TranscriptFormat.WebVtt ? "WEBVTT\n\n" + text : text.ToString());
    }

    private static void Render(TranscriptFormat format, StringBuilder text, (string Speaker, double Start, double End, string Text) turn, int number)
    {
        var (speaker, start, end, utterance) = turn;
        switch (format)
        {
            case TranscriptFormat.WebVtt:
                text.Append(number).Append('\n').Append(Clock(start, '.')).Append(" --> ").Append(Clock(end, '.')).Append('\n')
                    .Append(speaker).Append(": ").Append(utterance).Append("\n\n");
                break;
            case TranscriptFormat.Srt:
                text.Append(number).Append('\n').Append(Clock(start, ',')).Append(" --> ").Append(Clock(end, ',')).Append('\n')
                    .Append(speaker).Append(": ").Append(utterance).Append("\n\n");
                break;
            case TranscriptFormat.Otter:
                var s = (int)start;
                text.Append(speaker).Append("  ").Append(s / 3600).Append(':').Append((s / 60 % 60).ToString("00", CultureInfo.InvariantCulture))
                    .Append(':').Append((s % 60).ToString("00", CultureInfo.InvariantCulture)).Append('\n').Append(utterance).Append("\n\n");
                break;
            default:
                text.Append(speaker).Append(": ").Append(utterance).Append('\n');
                break;
        }
    }

    private static string Clock(double seconds, char separator)
    {
        var ms = (long)Math.Round(seconds * 1000);
        return string.Create(CultureInfo.InvariantCulture,
            $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}{separator}{ms % 1000:000}");
    }

    /// <summary>The AnnoMI corpus as one increasing timeline (times restart per conversation in the corpus); null without it.</summary>
    private static List<(string Speaker, double Start, double End, string Text)>? LoadAnnoMi()
    {
        if (!AnnoMiCorpus.Available)
        {
            return null;
        }

        var timeline = new List<(string Speaker, double Start, double End, string Text)>();
        double clock = 0;
        foreach (var u in AnnoMiCorpus.Conversations.SelectMany(c => c.Utterances))
        {
            var length = 2 + (u.Text.Length / 15.0);
            timeline.Add((u.Speaker, clock, clock + length, u.Text.ReplaceLineEndings(" ")));
            clock += length;
        }

        return timeline;
    }

    private static List<(string Speaker, double Start, double End, string Text)> Synthetic()
    {
        string[] words = ["I", "think", "the", "goal", "this", "week", "was", "to", "walk", "more", "and", "sleep", "earlier", "but", "work", "got", "busy", "so", "we", "talked", "about", "small", "steps"];
        var random = new Random(42);
        var turns = new List<(string, double, double, string)>();
        double clock = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var sentence = string.Join(' ', Enumerable.Range(0, random.Next(4, 40)).Select(_ => words[random.Next(words.Length)])) + ".";
            var duration = 1 + (sentence.Length / 15.0);
            turns.Add((i % 2 == 0 ? "Avery Stone" : $"Client {random.Next(5)}", clock, clock + duration, sentence));
            clock += duration + 0.5;
        }

        return turns;
    }
}
