using System.Diagnostics;
using System.Globalization;
using System.Text;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Notifications;
using CoachingPlatform.Core.Protection;
using CoachingPlatform.Core.Refinement;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Transcripts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoachingPlatform.Core.Analysis;

/// <summary>
/// Analysis stage: each participant without a summary is analysed (at most <see cref="AnalysisOptions.MaxParallelism"/>
/// at once), passed through the <see cref="QualityGate"/> and stored with its revision 1; then every participant is
/// ranked for review. One participant's failure does not fail the others: their summaries are saved, and the job is
/// retried (with backoff) for the rest only; after the last attempt the session is <c>NeedsAttention</c> and
/// <c>POST /sessions/{id}/reprocess</c> analyses just the missing participants again.
/// </summary>
internal sealed partial class AnalyseSessionHandler(
    CoachingDbContext db,
    IParticipantAnalyzer analyzer,
    IAnalysisCompletion completion,
    Templates.TemplateResolver templates,
    PersonalDataProtector protector,
    IPlatformEventPublisher events,
    TimeProvider time,
    IOptions<AnalysisOptions> options,
    IOptions<OpenAI.OpenAiOptions> providerOptions,
    ILogger<AnalyseSessionHandler> logger) : IJobHandler<AnalyseSessionJob>
{
    private static readonly ActivitySource Source = new("CoachingPlatform.Pipeline");

    public async Task HandleAsync(AnalyseSessionJob payload, JobContext context, CancellationToken cancellationToken)
    {
        try
        {
            await AnalyseAsync(payload, context, cancellationToken);
        }
        catch (Exception ex) when (context.IsLastAttempt && ex is not OperationCanceledException)
        {
            // Out of retries outside a single participant (templates, drafting, the database): what was saved stays,
            // and the session says so instead of staying "Analysing"; reprocess analyses what is missing.
            await SessionProgress.GiveUpAsync(db, events, time, payload.SessionId, SessionStatus.NeedsAttention,
                "Analysis could not be completed. Reprocess to try the missing parts again.", cancellationToken);
            throw;
        }
    }

    private async Task AnalyseAsync(AnalyseSessionJob payload, JobContext context, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("analyse session");
        activity?.SetTag("session.id", payload.SessionId);
        var session = await db.Sessions.Include(s => s.Coach)
            .Include(s => s.Participants).ThenInclude(p => p.Client)
            .Include(s => s.Participants).ThenInclude(p => p.Summary)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == payload.SessionId, cancellationToken);
        if (session is null || session.DeletedAt is not null || session.Status is not (SessionStatus.Parsed or SessionStatus.Analysing or SessionStatus.NeedsAttention))
        {
            LogSkipped(logger, payload.SessionId);
            return; // deleted, or re-ingested meanwhile (that run enqueues its own analysis)
        }

        await SessionProgress.SetAsync(db, events, time, session, SessionStatus.Analysing, 40, null, cancellationToken);

        var transcript = TranscriptParser.Parse(protector.UnprotectTranscript(session.TranscriptCiphertext), session.TranscriptFileName, TranscriptRedactor.StoredLimits);
        var speakerMap = SpeakerMap.Read(session.Metadata);
        var coachLabels = speakerMap.Where(p => p.Value == Guid.Empty).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var pending = session.Participants.Where(p => p.Summary is null).ToList();
        // The session type's Prompt template (coach override → organisation → system default) steers the analyser.
        var prompt = await templates.ResolveAsync(Templates.TemplateKind.Prompt, session.SessionType, session.CoachId, null, cancellationToken);
        var organizationName = await db.Organizations.Where(o => o.Id == session.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);

        using var gate = new SemaphoreSlim(options.Value.MaxParallelism);
        var results = await Task.WhenAll(pending.Select(async participant =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var instructions = Templates.TemplateRenderer.Render(prompt.Content, new Templates.TemplateValues()
                    .Text("sessionType", session.SessionType)
                    .Text("coachName", session.Coach.Name)
                    .Text("participantName", participant.Client.Name)
                    .Text("organizationName", organizationName));
                return await AnalyseAsync(session, participant, transcript.Turns, speakerMap, coachLabels, instructions, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        // Everything below writes through one context, after the parallel provider calls have finished.
        var failed = 0;
        foreach (var (participant, gated, usage, error) in results)
        {
            if (gated is null)
            {
                failed++;
                LogParticipantFailed(logger, error, session.Id, participant.Id);
                continue;
            }

            participant.Urgent = gated.Signals.Urgent;
            participant.Breakthrough = gated.Signals.Breakthrough;
            participant.Confused = gated.Signals.Confused;
            var summary = new Summary
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                OrganizationId = session.OrganizationId,
                ClientSessionId = participant.Id,
                Status = SummaryStatus.Draft,
                AiContent = gated.Content,
                QualityScore = gated.QualityScore,
                NeedsReview = gated.NeedsReview,
                SearchText = SearchText(participant.Client.Name, gated.Content),
                PromptVersion = usage!.PromptVersion,
                Model = usage.Model,
                InputTokens = usage.InputTokens,
                OutputTokens = usage.OutputTokens,
                CurrentRevision = 1,
            };
            summary.Revisions.Add(new SummaryRevision
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                OrganizationId = session.OrganizationId,
                Number = 1,
                Kind = RevisionKind.Ai,
                Content = Copy(gated.Content),
            });
            participant.Summary = summary;
            db.Summaries.Add(summary);
        }

        foreach (var ranked in PriorityScorer.Rank(session.Participants.Select(p =>
                     new PriorityInput(p.Id, p.Client.Name, p.Urgent, p.Breakthrough, p.Confused, p.EngagementLevel, p.SpeakingShare))))
        {
            var participant = session.Participants.Single(p => p.Id == ranked.ClientSessionId);
            participant.PriorityScore = ranked.Score;
            participant.PriorityRank = ranked.Rank;
        }

        // Summaries and ranks are saved before drafting: a drafting failure must not pay for the provider calls again.
        await db.SaveChangesAsync(cancellationToken);
        using (Source.StartActivity("draft follow-ups"))
        {
            await completion.CompleteAsync(session, cancellationToken);
        }

        var usageTotals = (Input: session.Participants.Sum(p => p.Summary?.InputTokens ?? 0), Output: session.Participants.Sum(p => p.Summary?.OutputTokens ?? 0));
        // Token usage and what it cost (at the configured provider prices; the local analyser costs nothing).
        var cost = analyzer.Name == "openai" ? providerOptions.Value.EstimateCost(usageTotals.Input, usageTotals.Output) : 0m;
        session.Metadata = SpeakerMap.Write(session.Metadata, speakerMap, new Dictionary<string, string>
        {
            ["analyzer"] = analyzer.Name,
            ["inputTokens"] = usageTotals.Input.ToString(CultureInfo.InvariantCulture),
            ["outputTokens"] = usageTotals.Output.ToString(CultureInfo.InvariantCulture),
            ["estimatedCostUsd"] = cost.ToString("0.######", CultureInfo.InvariantCulture),
        });

        if (failed > 0 && !context.IsLastAttempt)
        {
            await db.SaveChangesAsync(cancellationToken); // keep the summaries that succeeded; only the rest run again
            throw new InvalidOperationException($"{failed} of {pending.Count} participant(s) could not be analysed; retrying them.");
        }

        var done = failed == 0;
        session.Status = done ? SessionStatus.ReadyForReview : SessionStatus.NeedsAttention;
        session.Progress = done ? 100 : 90;
        session.StatusReason = done ? null : $"{failed} of {session.Participants.Count} participant(s) could not be analysed. Reprocess to try them again.";
        await db.SaveChangesAsync(cancellationToken);
        LogAnalysed(logger, session.Id, pending.Count - failed, failed, analyzer.Name);
        await events.PublishAsync(PlatformEvent.ForSessionStatus(session, time.GetUtcNow()), cancellationToken);
    }

    private async Task<(ClientSession Participant, GatedAnalysis? Gated, AnalysisUsage? Usage, Exception? Error)> AnalyseAsync(
        Session session, ClientSession participant, IReadOnlyList<TranscriptTurn> turns, IReadOnlyDictionary<string, Guid> speakerMap,
        IReadOnlySet<string> coachLabels, string instructions, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("analyse participant");
        activity?.SetTag("client_session.id", participant.Id);
        var labels = speakerMap.Where(p => p.Value == participant.ClientId).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        try
        {
            var request = new ParticipantAnalysisRequest(
                session.Id, session.SessionDate, session.SessionType, participant.Client.Name, [.. labels],
                session.Coach.Name, [.. coachLabels], turns, instructions);
            // On the thread pool: the local analyser is CPU-bound and completes synchronously, so without this the
            // participants would run one after another whatever the parallelism bound says.
            var analysis = await Task.Run(() => analyzer.AnalyseAsync(request, cancellationToken), cancellationToken);
            var gated = QualityGate.Apply(analysis, turns, labels, coachLabels, options.Value.ReviewThreshold);
            activity?.SetTag("summary.quality", gated.QualityScore);
            activity?.SetTag("summary.items_dropped", gated.ItemsDropped);
            return (participant, gated, analysis.Usage, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return (participant, null, null, ex);
        }
    }


    /// <summary>The text full-text search indexes: the client's name and every part of the summary.</summary>
    internal static string SearchText(string clientName, SummaryContent content)
    {
        var text = new StringBuilder(clientName).AppendLine().AppendLine(content.Narrative);
        foreach (var line in content.Bullets.Concat(content.Wins.Select(i => i.Text)).Concat(content.Challenges.Select(i => i.Text))
                     .Concat(content.ActionItems.Select(i => i.Text)).Concat(content.Recommendations.Select(i => i.Text)))
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    private static SummaryContent Copy(SummaryContent c) => new()
    {
        Narrative = c.Narrative,
        Bullets = [.. c.Bullets],
        Wins = [.. c.Wins.Select(i => new SummaryItem { Text = i.Text, Evidence = [.. i.Evidence] })],
        Challenges = [.. c.Challenges.Select(i => new SummaryItem { Text = i.Text, Evidence = [.. i.Evidence] })],
        Recommendations = [.. c.Recommendations.Select(i => new SummaryItem { Text = i.Text, Evidence = [.. i.Evidence] })],
        ActionItems = [.. c.ActionItems.Select(i => new ActionItem { Text = i.Text, Owner = i.Owner, Due = i.Due, Evidence = [.. i.Evidence] })],
    };

    [LoggerMessage(1, LogLevel.Information, "Session {SessionId} analysed: {Done} summarised, {Failed} failed, analyzer {Analyzer}")]
    private static partial void LogAnalysed(ILogger logger, Guid sessionId, int done, int failed, string analyzer);

    [LoggerMessage(2, LogLevel.Warning, "Analysis of participant {ClientSessionId} in session {SessionId} failed")]
    private static partial void LogParticipantFailed(ILogger logger, Exception? exception, Guid sessionId, Guid clientSessionId);

    [LoggerMessage(3, LogLevel.Information, "Session {SessionId} is not ready for analysis; skipped")]
    private static partial void LogSkipped(ILogger logger, Guid sessionId);
}

/// <summary>
/// What happens after a session's summaries are written and ranked, in the same save: the follow-up drafts.
/// Implemented by the FollowUps capability.
/// </summary>
public interface IAnalysisCompletion
{
    Task CompleteAsync(Session session, CancellationToken cancellationToken);
}
