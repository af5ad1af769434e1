using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Core.FollowUps;

/// <summary>
/// Drafts one follow-up email per summarised participant who has none yet (so a retried analysis never drafts twice),
/// in the coach's voice, with the subject set by the participant's review priority. Added to the analysis' save.
/// </summary>
internal sealed class FollowUpDraftCompletion(CoachingDbContext db, FollowUpDrafter drafter, TimeProvider time) : IAnalysisCompletion
{
    public async Task CompleteAsync(Session session, CancellationToken cancellationToken)
    {
        var summaryIds = session.Participants.Where(p => p.Summary is not null).Select(p => p.Summary!.Id).ToList();
        var drafted = await db.FollowUps.Where(f => summaryIds.Contains(f.SummaryId)).Select(f => f.SummaryId).ToListAsync(cancellationToken);
        foreach (var participant in session.Participants.Where(p => p.Summary is not null && !drafted.Contains(p.Summary.Id)))
        {
            var summary = participant.Summary!;
            var draft = await drafter.DraftAsync(new FollowUpDraftRequest(
                session.CoachId, participant.Client.Name, session.Coach.Name, session.Coach.VoiceProfile, session.SessionDate, session.Title,
                session.SessionType, summary.CoachContent ?? summary.AiContent, FollowUpPriorities.From(participant)), cancellationToken);
            db.FollowUps.Add(new FollowUp
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                OrganizationId = session.OrganizationId,
                SummaryId = summary.Id,
                Subject = draft.Subject,
                Body = draft.Body,
                TemplateId = draft.TemplateId,
                Status = FollowUpStatus.Draft,
            });
        }
    }
}
