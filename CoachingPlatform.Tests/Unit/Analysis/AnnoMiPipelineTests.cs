using CoachingPlatform.Tests.Infrastructure;
using CoachingPlatform.Tests.Unit.Transcripts;
using System.Text;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Analysis.Local;
using CoachingPlatform.Core.FollowUps;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Participants;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Templates;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Tests.Unit.Analysis;

/// <summary>
/// Every stage the worker runs, minus the database, over all 133 real AnnoMI counselling conversations (data nobody
/// here wrote): parse → resolve speakers (the therapist inferred as the coach) → participation → local analysis →
/// quality gate → review ranking → follow-up draft. Nothing may throw, and everything kept must be grounded.
/// </summary>
public sealed class AnnoMiPipelineTests
{
    [Fact]
    public async Task Pipeline_All133Conversations_CompletesWithGroundedSummariesAndDrafts()
    {
        var analyzer = new LocalParticipantAnalyzer(); // rules only: the embeddings are covered by their own tests
        var conversations = AnnoMiCorpus.Conversations;
        var failures = new List<string>();
        var items = 0;
        var drafts = 0;
        foreach (var conversation in conversations)
        {
            try
            {
                var parsed = TranscriptParser.Parse(Encoding.UTF8.GetBytes(AnnoMiRenderings.Plain(conversation, withTimes: true)), "annomi.txt", TranscriptLimits.Default);
                var resolved = SpeakerResolver.Resolve(parsed.Turns, ResolveOptions.None);
                var stats = ParticipationCalculator.Compute(parsed.Turns, resolved);
                var coachLabels = (resolved.Coach?.Labels ?? []).ToHashSet(StringComparer.Ordinal);
                var clientsTotal = stats.Clients.Sum(c => c.SpeakingSeconds);
                var inputs = new List<PriorityInput>();
                foreach (var participant in resolved.Participants)
                {
                    var labels = participant.Labels.ToHashSet(StringComparer.Ordinal);
                    var analysis = await analyzer.AnalyseAsync(new ParticipantAnalysisRequest(
                        Guid.NewGuid(), new DateOnly(2026, 11, 20), "individual", participant.DisplayName, [.. labels],
                        resolved.Coach?.DisplayName ?? "Coach", [.. coachLabels], parsed.Turns), CancellationToken.None);
                    var gated = QualityGate.Apply(analysis, parsed.Turns, labels, coachLabels, 0.7);
                    var kept = gated.Content.Wins.Concat(gated.Content.Challenges).Concat(gated.Content.Recommendations).Select(i => i.Evidence)
                        .Concat(gated.Content.ActionItems.Select(a => a.Evidence)).ToList();
                    Assert.All(kept, evidence => Assert.All(evidence, i =>
                        Assert.True(labels.Contains(parsed.Turns[i].Speaker) || coachLabels.Contains(parsed.Turns[i].Speaker))));
                    items += kept.Count;

                    var share = stats.For(participant);
                    var engagement = IngestSessionHandler.Engagement(share, clientsTotal, 1.0 / resolved.Participants.Count);
                    inputs.Add(new PriorityInput(Guid.NewGuid(), participant.DisplayName, gated.Signals.Urgent, gated.Signals.Breakthrough, gated.Signals.Confused, engagement, share?.SpeakingShare ?? 0));
                    var draft = FollowUpDrafter.Compose(new FollowUpDraftRequest(
                        Guid.NewGuid(), participant.DisplayName, "Coach", new VoiceProfile(), new DateOnly(2026, 11, 20), null, "individual",
                        gated.Content, FollowUpPriorities.From(gated.Signals.Urgent, gated.Signals.Breakthrough, engagement)),
                        SystemTemplates.Default(TemplateKind.Email, "individual"));
                    Assert.False(string.IsNullOrWhiteSpace(draft.Subject));
                    Assert.False(string.IsNullOrWhiteSpace(draft.Body));
                    drafts++;
                }

                var ranked = PriorityScorer.Rank(inputs);
                Assert.Equal(Enumerable.Range(1, inputs.Count), ranked.Select(r => r.Rank));
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                failures.Add($"conversation {conversation.Id}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.Equal(133, conversations.Count);
        Assert.Empty(failures);
        Assert.True(drafts >= 133, $"one draft per client at least, got {drafts}");
        Assert.True(items > 133, $"the analyser should find something in most conversations, got {items} items");
    }
}
