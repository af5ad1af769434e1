using CoachingPlatform.Core.Analysis;
using CoachingPlatform.Core.FollowUps;
using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Sessions;
using CoachingPlatform.Core.Templates;

namespace CoachingPlatform.Tests.Unit.Templates;

public sealed class FollowUpDrafterTests
{
    private static readonly TemplateView GroupEmail = SystemTemplates.Default(TemplateKind.Email, "group");

    [Theory]
    [InlineData(FollowUpPriority.Urgent, "Checking in after today's session, Maria")]
    [InlineData(FollowUpPriority.Breakthrough, "Celebrating your breakthrough, Maria!")]
    [InlineData(FollowUpPriority.SilentOrLow, "We'd love to hear from you, Maria")]
    [InlineData(FollowUpPriority.Standard, "Your recap: Time Management Lab, 3 December 2026")]
    public void Compose_Subject_ReflectsThePriority(FollowUpPriority priority, string subject)
    {
        var draft = FollowUpDrafter.Compose(Request(priority), GroupEmail);

        Assert.Equal(subject, draft.Subject);
    }

    [Fact]
    public void Compose_Standard_GreetsByFirstName_RecapsWins_AndListsActionItemsWithDueDates()
    {
        var draft = FollowUpDrafter.Compose(Request(FollowUpPriority.Standard), GroupEmail);

        Assert.StartsWith("Hi Maria,\n\nThank you for the Time Management Lab workshop on 3 December 2026.", draft.Body, StringComparison.Ordinal);
        Assert.Contains("- Blocked two mornings for deep work", draft.Body, StringComparison.Ordinal);
        Assert.Contains("- Draft the weekly plan (by Friday 11 December)", draft.Body, StringComparison.Ordinal);
        Assert.Contains("- From me: Send the prioritisation worksheet", draft.Body, StringComparison.Ordinal);
        Assert.Contains("- Jo: Book the room", draft.Body, StringComparison.Ordinal);
        Assert.EndsWith("I'm cheering you on. Reply any time if you have questions.\n\n— Avery Stone", draft.Body, StringComparison.Ordinal);
        Assert.Null(draft.TemplateId); // a system default has no row to refer to
    }

    [Fact]
    public void Compose_Breakthrough_Celebrates_SilentInvitesBackIn()
    {
        var breakthrough = FollowUpDrafter.Compose(Request(FollowUpPriority.Breakthrough), GroupEmail);
        var silent = FollowUpDrafter.Compose(Request(FollowUpPriority.SilentOrLow), GroupEmail);

        Assert.Contains("celebrate", breakthrough.Body, StringComparison.Ordinal);
        Assert.Contains("I'd love to hear what stood out for you", silent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_VoiceProfile_SignOffAndAtMostTwoPhrases()
    {
        var voice = new VoiceProfile { Tone = "warm", Phrases = ["Progress over perfection", "Small steps count!", "One day at a time"], SignOff = "Warmly,\nAvery" };

        var draft = FollowUpDrafter.Compose(Request(FollowUpPriority.Standard, voice), GroupEmail);

        Assert.EndsWith("\n\nWarmly,\nAvery", draft.Body, StringComparison.Ordinal);
        var used = voice.Phrases.Count(p => draft.Body.Contains(p, StringComparison.Ordinal));
        Assert.Equal(2, used);
    }

    [Fact]
    public void Compose_SilentOrLow_WeavesOnePhrase_InTheClose()
    {
        var voice = new VoiceProfile { Phrases = ["Progress over perfection", "Small steps count"] };

        var draft = FollowUpDrafter.Compose(Request(FollowUpPriority.SilentOrLow, voice), GroupEmail);

        Assert.Equal(1, voice.Phrases.Count(p => draft.Body.Contains(p + ".", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("formal and measured", "Dear Maria,", "Please find a brief summary below.")]
    [InlineData("Upbeat, energetic", "Hey Maria!", "great energy!")]
    [InlineData("concise", "Hi Maria,", "Here is your recap from")]
    [InlineData(null, "Hi Maria,", "Here is a short recap")]
    public void Compose_ToneWord_ChoosesThePhrasing(string? tone, string greeting, string opening)
    {
        var draft = FollowUpDrafter.Compose(Request(FollowUpPriority.Standard, new VoiceProfile { Tone = tone }), GroupEmail);

        Assert.StartsWith(greeting, draft.Body, StringComparison.Ordinal);
        Assert.Contains(opening, draft.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Urgent_NeverRepeatsTheHealthDetail_AndInvitesADirectConversation()
    {
        var summary = new SummaryContent
        {
            Narrative = "Maria mentioned chest pain during the week and has stopped taking her medication.",
            Wins = [new SummaryItem { Text = "Walked daily despite the chest pain" }],
            Challenges = [new SummaryItem { Text = "Chest pain at night" }, new SummaryItem { Text = "Stopped medication" }],
            ActionItems = [new ActionItem { Text = "See a doctor about the chest pain", Due = new DateOnly(2026, 12, 4) }],
            Recommendations = [new SummaryItem { Text = "Restart the medication after talking to the GP" }],
        };
        var voice = new VoiceProfile { Tone = "upbeat", Phrases = ["Crush it!"], SignOff = "Cheers, Avery" };

        var draft = FollowUpDrafter.Compose(Request(FollowUpPriority.Urgent, voice) with { Summary = summary }, GroupEmail);

        foreach (var detail in new[] { "chest", "pain", "medication", "doctor about", "GP", "Crush it" })
        {
            Assert.DoesNotContain(detail, draft.Subject + "\n" + draft.Body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("check in with you directly", draft.Body, StringComparison.Ordinal);
        Assert.Contains("emergency services", draft.Body, StringComparison.Ordinal);
        Assert.StartsWith("Hi Maria,", draft.Body, StringComparison.Ordinal); // caring, not "Hey Maria!"
        Assert.EndsWith("Cheers, Avery", draft.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_IsDeterministic()
    {
        var voice = new VoiceProfile { Tone = "warm", Phrases = ["One", "Two", "Three", "Four"], SignOff = "A" };

        var first = FollowUpDrafter.Compose(Request(FollowUpPriority.Breakthrough, voice), GroupEmail);
        var second = FollowUpDrafter.Compose(Request(FollowUpPriority.Breakthrough, voice), GroupEmail);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Compose_TemplateStartingWithASubjectLine_SetsTheSubject_AndStoredTemplatesAreReferenced()
    {
        var id = Guid.NewGuid();
        var custom = new TemplateView(id, "Mine", TemplateKind.Email, null, "Subject: {{subject}} ({{priority}})\n\n{{greeting}}\n{{closing}}\n{{signOff}}",
            [], TemplateSource.Coach, true, Guid.NewGuid(), DateTimeOffset.UnixEpoch);

        var draft = FollowUpDrafter.Compose(Request(FollowUpPriority.Breakthrough), custom);

        Assert.Equal("Celebrating your breakthrough, Maria! (breakthrough)", draft.Subject);
        Assert.StartsWith("Hi Maria,\n", draft.Body, StringComparison.Ordinal);
        Assert.Equal(id, draft.TemplateId);
    }

    [Fact]
    public void Compose_IndividualSessionWithoutTitle_SaysOurSession()
    {
        var draft = FollowUpDrafter.Compose(Request(FollowUpPriority.Standard) with { SessionType = "individual", SessionTitle = null },
            SystemTemplates.Default(TemplateKind.Email, "individual"));

        Assert.Equal("Your recap from our session on 3 December 2026", draft.Subject);
        Assert.Contains("Thank you for our session on 3 December 2026.", draft.Body, StringComparison.Ordinal);
        Assert.Contains("What went well:", draft.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true, EngagementLevel.Silent, FollowUpPriority.Urgent)]
    [InlineData(false, true, EngagementLevel.Silent, FollowUpPriority.Breakthrough)]
    [InlineData(false, false, EngagementLevel.Low, FollowUpPriority.SilentOrLow)]
    [InlineData(false, false, EngagementLevel.Medium, FollowUpPriority.Standard)]
    public void Priorities_From_OrdersUrgentBreakthroughSilentStandard(bool urgent, bool breakthrough, EngagementLevel engagement, FollowUpPriority expected)
    {
        Assert.Equal(expected, FollowUpPriorities.From(urgent, breakthrough, engagement));
    }

    private static FollowUpDraftRequest Request(FollowUpPriority priority, VoiceProfile? voice = null) => new(
        Guid.NewGuid(),
        "Maria Lopez",
        "Avery Stone",
        voice,
        new DateOnly(2026, 12, 3),
        "Time Management Lab",
        "group",
        new SummaryContent
        {
            Narrative = "Maria worked on protecting her mornings.",
            Wins = [new SummaryItem { Text = "Blocked two mornings for deep work" }],
            Challenges = [new SummaryItem { Text = "Meetings creep into focus time" }],
            ActionItems =
            [
                new ActionItem { Text = "Draft the weekly plan.", Owner = "Maria", Due = new DateOnly(2026, 12, 11) },
                new ActionItem { Text = "Send the prioritisation worksheet", Owner = "Avery" },
                new ActionItem { Text = "Book the room", Owner = "Jo" },
            ],
        },
        priority);
}
