using System.Globalization;
using System.Text.RegularExpressions;
using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Templates;

namespace CoachingPlatform.Core.FollowUps;

/// <summary>What a follow-up email is drafted from.</summary>
/// <param name="CoachId">The session's coach: picks the Email template (their override, the organisation's, the system's).</param>
/// <param name="Voice">The coach's voice profile (tone, phrases, sign-off); null or empty gives the warm default.</param>
/// <param name="SessionType">group, individual or an organisation methodology key.</param>
/// <param name="TemplateId">An Email template chosen for this session, overriding the default selection.</param>
public sealed record FollowUpDraftRequest(
    Guid CoachId,
    string ClientName,
    string CoachName,
    VoiceProfile? Voice,
    DateOnly SessionDate,
    string? SessionTitle,
    string SessionType,
    SummaryContent Summary,
    FollowUpPriority Priority,
    Guid? TemplateId = null);

/// <summary>A drafted follow-up email; <see cref="TemplateId"/> is the stored template used (null for a system default).</summary>
public sealed record FollowUpDraft(string Subject, string Body, Guid? TemplateId);

/// <summary>
/// Drafts the follow-up email for one client: the resolved Email template rendered with the summary, a subject
/// that reflects the priority, and greeting, opening and closing in the coach's voice. Deterministic: the same
/// request and template always give the same draft (phrase choice uses a stable hash, not randomness).
/// For urgent clients nothing from the summary reaches the email: urgency is mostly health or safety, email is
/// not a confidential channel (it is forwarded, shared, read on work devices), and a written recap of a health
/// concern is both a disclosure risk and a poor substitute for talking — so the draft invites a direct conversation.
/// </summary>
public sealed partial class FollowUpDrafter(TemplateResolver templates)
{
    /// <summary>The longest subject (the FollowUp column's length).</summary>
    public const int MaxSubjectLength = 300;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Resolves the coach's Email template for the session type and composes the draft.</summary>
    public async Task<FollowUpDraft> DraftAsync(FollowUpDraftRequest request, CancellationToken cancellationToken)
    {
        var template = await templates.ResolveAsync(TemplateKind.Email, request.SessionType, request.CoachId, request.TemplateId, cancellationToken);
        return Compose(request, template);
    }

    /// <summary>
    /// Renders <paramref name="template"/> (an Email template) for the request. If the rendered text starts with a
    /// <c>Subject: …</c> line, that line is the subject; otherwise the subject is chosen by priority.
    /// Throws <see cref="TemplateException"/> when the template cannot be rendered (e.g. output over the bound).
    /// </summary>
    public static FollowUpDraft Compose(FollowUpDraftRequest request, TemplateView template)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(template);
        var values = Values(request, out var subject);
        var rendered = TemplateRenderer.Render(template.Content, values);

        var body = rendered.TrimStart('\n');
        var firstLineEnd = body.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = firstLineEnd < 0 ? body : body[..firstLineEnd];
        if (firstLine.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase))
        {
            var custom = VoiceStyle.OneLine(firstLine["Subject:".Length..]);
            subject = custom.Length > 0 ? custom : subject;
            body = firstLineEnd < 0 ? "" : body[(firstLineEnd + 1)..];
        }

        body = ExtraBlankLines().Replace(body.Trim('\n', ' '), "\n\n");
        return new FollowUpDraft(BoundSubject(subject), body, template.StoredId);
    }

    /// <summary>The Email catalogue's values for the request; <paramref name="subject"/> is the priority's subject.</summary>
    internal static TemplateValues Values(FollowUpDraftRequest request, out string subject)
    {
        var tone = VoiceStyle.Tone(request.Voice?.Tone);
        var clientName = VoiceStyle.OneLine(request.ClientName);
        var firstName = clientName.Split(' ', 2)[0];
        var coachName = VoiceStyle.OneLine(request.CoachName);
        var title = VoiceStyle.OneLine(request.SessionTitle);
        var date = request.SessionDate.ToString("d MMMM yyyy", Invariant);
        var noun = SessionNoun(request.SessionType, title);
        subject = Subject(request.Priority, firstName, title, noun, date);

        var (opening, closing) = (Opening(request.Priority, tone, noun, date), Closing(request.Priority, tone));
        var phrases = VoiceStyle.Phrases(request.Voice);
        if (phrases.Count > 0 && request.Priority != FollowUpPriority.Urgent)
        {
            // At most two of the coach's phrases: one closes the email, a second (when there is one) ends the opening
            // of a recap or a celebration. None in an urgent check-in, where a catchphrase would sound careless.
            var first = (int)(StableHash($"{clientName}|{request.SessionDate.ToString("yyyy-MM-dd", Invariant)}") % (uint)phrases.Count);
            closing = $"{phrases[first]} {closing}";
            if (phrases.Count > 1 && request.Priority is FollowUpPriority.Standard or FollowUpPriority.Breakthrough)
            {
                opening = $"{opening} {phrases[(first + 1) % phrases.Count]}";
            }
        }

        var summary = request.Summary;
        var withhold = request.Priority == FollowUpPriority.Urgent; // privacy: see the class remarks
        return new TemplateValues()
            .Text("clientName", clientName)
            .Text("coachName", coachName)
            .Text("sessionDate", date)
            .Text("sessionTitle", title)
            .Text("narrative", withhold ? "" : summary.Narrative.Trim())
            .List("wins", withhold ? [] : summary.Wins.Select(w => w.Text.Trim()))
            .List("challenges", withhold ? [] : summary.Challenges.Select(c => c.Text.Trim()))
            .List("actionItems", withhold ? [] : summary.ActionItems.Select(a => ActionItemText(a, clientName, coachName, request.SessionDate)))
            .List("recommendations", withhold ? [] : summary.Recommendations.Select(r => r.Text.Trim()))
            .Text("subject", subject)
            .Text("priority", FollowUpPriorities.Key(request.Priority))
            .Text("signOff", VoiceStyle.SignOff(request.Voice, coachName))
            .Text("greeting", Greeting(request.Priority, tone, firstName))
            .Text("firstName", firstName)
            .Text("opening", opening)
            .Text("closing", closing);
    }

    private static string SessionNoun(string sessionType, string title) =>
        sessionType != "group" ? "our session"
        : title.Length == 0 ? "the workshop"
        : title.Contains("workshop", StringComparison.OrdinalIgnoreCase) ? $"the {title}"
        : $"the {title} workshop";

    private static string Subject(FollowUpPriority priority, string firstName, string title, string noun, string date)
    {
        var name = firstName.Length > 0 ? $", {firstName}" : "";
        return priority switch
        {
            FollowUpPriority.Urgent => $"Checking in after today's session{name}",
            FollowUpPriority.Breakthrough => $"Celebrating your breakthrough{name}!",
            FollowUpPriority.SilentOrLow => $"We'd love to hear from you{name}",
            _ => title.Length > 0 ? $"Your recap: {title}, {date}" : $"Your recap from {noun} on {date}",
        };
    }

    private static string Greeting(FollowUpPriority priority, VoiceTone tone, string firstName)
    {
        var name = firstName.Length > 0 ? firstName : "there";
        return tone switch
        {
            VoiceTone.Formal => $"Dear {name},",
            VoiceTone.Upbeat when priority != FollowUpPriority.Urgent => $"Hey {name}!",
            _ => $"Hi {name},",
        };
    }

    private static string Opening(FollowUpPriority priority, VoiceTone tone, string noun, string date) => (priority, tone) switch
    {
        (FollowUpPriority.Urgent, VoiceTone.Formal) =>
            $"Thank you for {noun} on {date}. I would like to follow up with you personally about what we discussed. Please let me know a convenient time for a brief call.",
        (FollowUpPriority.Urgent, VoiceTone.Direct) =>
            $"Thank you for {noun} on {date}. I'd like to speak with you directly about something you mentioned. Could we set up a short call in the next day or two?",
        (FollowUpPriority.Urgent, _) =>
            $"Thank you for {noun} on {date}. I've been thinking about what you shared, and I'd really like to check in with you directly. Could we find a time to talk in the next day or two? A short call is perfect.",

        (FollowUpPriority.Breakthrough, VoiceTone.Formal) =>
            $"I would like to acknowledge the significant progress you made in {noun} on {date}.",
        (FollowUpPriority.Breakthrough, VoiceTone.Upbeat) =>
            $"What a moment in {noun} on {date}! That breakthrough was fantastic to see.",
        (FollowUpPriority.Breakthrough, VoiceTone.Direct) =>
            $"You made a real breakthrough in {noun} on {date}. Well done.",
        (FollowUpPriority.Breakthrough, _) =>
            $"I wanted to take a moment to celebrate what happened in {noun} on {date}. That was a real breakthrough, and you should be proud of it.",

        (FollowUpPriority.SilentOrLow, VoiceTone.Formal) =>
            $"Thank you for attending {noun} on {date}. Your perspective is valued, and I would welcome any thoughts or questions you may have.",
        (FollowUpPriority.SilentOrLow, VoiceTone.Upbeat) =>
            $"Great to have you at {noun} on {date}! I'd love to hear your take: what stood out for you?",
        (FollowUpPriority.SilentOrLow, VoiceTone.Direct) =>
            $"Thanks for attending {noun} on {date}. I'd like to hear your thoughts: what stood out, and what would help you next time?",
        (FollowUpPriority.SilentOrLow, _) =>
            $"Thank you for being part of {noun} on {date}. We didn't hear much from you this time, and that's completely okay. Your perspective matters, and I'd love to hear what stood out for you.",

        (_, VoiceTone.Formal) => $"Thank you for {noun} on {date}. Please find a brief summary below.",
        (_, VoiceTone.Upbeat) => $"Thanks for {noun} on {date}, great energy! Here's your quick recap.",
        (_, VoiceTone.Direct) => $"Here is your recap from {noun} on {date}.",
        _ => $"Thank you for {noun} on {date}. Here is a short recap so you have everything in one place.",
    };

    private static string Closing(FollowUpPriority priority, VoiceTone tone) => (priority, tone) switch
    {
        (FollowUpPriority.Urgent, VoiceTone.Formal) =>
            "There is no need to put any details in writing; a reply with a convenient time is enough. If anything feels urgent before then, please contact your doctor or local emergency services.",
        (FollowUpPriority.Urgent, VoiceTone.Direct) =>
            "A reply with a good time is all I need. If anything feels urgent before then, contact your doctor or local emergency services right away.",
        (FollowUpPriority.Urgent, _) =>
            "There's no need to write anything in detail, just reply with a time that suits you. If anything feels urgent before we talk, please contact your doctor or local emergency services right away.",

        (FollowUpPriority.Breakthrough, VoiceTone.Formal) => "This is a meaningful step, and I look forward to building on it with you.",
        (FollowUpPriority.Breakthrough, VoiceTone.Upbeat) => "Enjoy this win. You've earned it, and there's more to come!",
        (FollowUpPriority.Breakthrough, VoiceTone.Direct) => "Build on this. Let's keep the momentum going.",
        (FollowUpPriority.Breakthrough, _) => "Take a moment to enjoy this. You earned it, and I'm excited to see where it takes you.",

        (FollowUpPriority.SilentOrLow, VoiceTone.Formal) => "A brief reply is very welcome. I look forward to hearing from you.",
        (FollowUpPriority.SilentOrLow, VoiceTone.Upbeat) => "Hit reply and tell me, even one line is great. Can't wait to hear from you!",
        (FollowUpPriority.SilentOrLow, VoiceTone.Direct) => "A one-line reply is enough. Looking forward to it.",
        (FollowUpPriority.SilentOrLow, _) => "Just hit reply, even a sentence or two is wonderful. I'm looking forward to hearing from you.",

        (_, VoiceTone.Formal) => "Please do not hesitate to contact me with any questions.",
        (_, VoiceTone.Upbeat) => "Keep up the great momentum. You've got this!",
        (_, VoiceTone.Direct) => "Reply if anything is unclear.",
        _ => "I'm cheering you on. Reply any time if you have questions.",
    };

    /// <summary>"text (by Friday 11 December)" for the client's own items; "From me: …" for the coach's, "Owner: …" for anyone else's.</summary>
    private static string ActionItemText(ActionItem item, string clientName, string coachName, DateOnly sessionDate)
    {
        var text = VoiceStyle.OneLine(item.Text).TrimEnd('.');
        var owner = VoiceStyle.OneLine(item.Owner);
        if (owner.Length > 0 && !IsPerson(owner, clientName) && !IsClientRole(owner))
        {
            text = IsPerson(owner, coachName) || owner.Equals("coach", StringComparison.OrdinalIgnoreCase) ? $"From me: {text}" : $"{owner}: {text}";
        }

        if (item.Due is { } due)
        {
            var format = due.Year == sessionDate.Year ? "dddd d MMMM" : "dddd d MMMM yyyy";
            text = $"{text} (by {due.ToString(format, Invariant)})";
        }

        return text;
    }

    private static bool IsPerson(string owner, string name) =>
        name.Length > 0
        && (owner.Equals(name, StringComparison.OrdinalIgnoreCase) || owner.Equals(name.Split(' ', 2)[0], StringComparison.OrdinalIgnoreCase));

    private static bool IsClientRole(string owner) =>
        owner.Equals("client", StringComparison.OrdinalIgnoreCase) || owner.Equals("participant", StringComparison.OrdinalIgnoreCase);

    private static string BoundSubject(string subject)
    {
        var line = VoiceStyle.OneLine(subject);
        return line.Length <= MaxSubjectLength ? line : line[..(MaxSubjectLength - 1)].TrimEnd() + "…";
    }

    /// <summary>FNV-1a: stable across processes and runs, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ExtraBlankLines();
}
