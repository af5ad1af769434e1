using System.Text;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Analysis.Local;
using CoachingPlatform.Core.Transcripts;
using CoachingPlatform.Tests.Infrastructure;

namespace CoachingPlatform.Tests.Unit.Analysis.Local;

/// <summary>Samples, requests and the one shared embedder (the model loads once per test run).</summary>
internal static class LocalAnalysisTestData
{
    private static readonly Lazy<MiniLmEmbedder> SharedEmbedder = new(() => new MiniLmEmbedder());

    public static MiniLmEmbedder Embedder => SharedEmbedder.Value;

    public static string SamplesFolder => Path.Combine(RepositoryPaths.Root, "samples");

    public static string LabelledFolder => Path.Combine(SamplesFolder, "labelled");

    public static IReadOnlyList<TranscriptTurn> Turns(string path) =>
        TranscriptParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path), TranscriptLimits.Default).Turns;

    public static ParticipantAnalysisRequest Request(
        IReadOnlyList<TranscriptTurn> turns, string participant, string coach, DateOnly date, string sessionType = "group") =>
        new(Guid.Empty, date, sessionType, participant, [participant], coach, [coach], turns);

    public static ParticipantAnalysisRequest Request(string text, string participant, string coach = "Coach", DateOnly? date = null) =>
        Request(
            TranscriptParser.Parse(Encoding.UTF8.GetBytes(text), "inline.txt", TranscriptLimits.Default).Turns,
            participant, coach, date ?? new DateOnly(2026, 3, 9), "individual");

    public static string Describe(ParticipantAnalysis a)
    {
        var text = new StringBuilder();
        text.AppendLine(a.Narrative);
        foreach (var b in a.Bullets)
        {
            text.AppendLine("  * " + b);
        }

        foreach (var (label, items) in new[] { ("win", a.Wins), ("challenge", a.Challenges), ("rec", a.Recommendations) })
        {
            foreach (var i in items)
            {
                text.AppendLine($"  {label}: {i.Text} [{string.Join(",", i.Evidence)}]");
            }
        }

        foreach (var i in a.ActionItems)
        {
            text.AppendLine($"  action: {i.Text} owner={i.Owner} due={i.Due:yyyy-MM-dd} [{string.Join(",", i.Evidence)}]");
        }

        var s = a.Signals;
        text.AppendLine($"  signals: urgent={s.Urgent}[{string.Join(",", s.UrgentEvidence)}] breakthrough={s.Breakthrough}[{string.Join(",", s.BreakthroughEvidence)}] confused={s.Confused}[{string.Join(",", s.ConfusedEvidence)}]");
        return text.ToString();
    }
}
