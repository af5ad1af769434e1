using CoachingPlatform.Core.Analysis.Local;

namespace CoachingPlatform.Tests.Unit.Analysis.Local;

public sealed class DueDateResolverTests
{
    // Monday 9 March 2026, the sample workshop's date.
    private static readonly DateOnly Monday = new(2026, 3, 9);

    public static TheoryData<string, string?> Cases => new()
    {
        { "I'll tell my manager by Friday.", "2026-03-13" },
        { "I'll call them tomorrow morning.", "2026-03-10" },
        { "Could you call the practice before the end of tomorrow?", "2026-03-10" },
        { "I'll send it today.", "2026-03-09" },
        { "By Monday, send me one sentence.", "2026-03-16" },
        { "I'll send it next Monday.", "2026-03-16" },
        { "I'll start next Monday.", null },
        { "Let's meet next Friday.", "2026-03-20" },
        { "I'll have it done this Friday.", "2026-03-13" },
        { "I'll finish it in two weeks.", "2026-03-23" },
        { "Within 3 days I will reply.", "2026-03-12" },
        { "I'll finish it in a month.", "2026-04-09" },
        { "I'll set that up by the 15th.", "2026-03-15" },
        { "Pay it by the 5th.", "2026-04-05" },
        { "Call Dr. Patel's office by Wednesday March 11 about the medication.", "2026-03-11" },
        { "Submit it by March 3.", "2026-03-03" },
        { "Submit it by 3rd of April.", "2026-04-03" },
        { "Finish the draft by January 5.", "2027-01-05" },
        { "Finish the draft by February 1.", "2026-02-01" },
        { "Book time for 2026-03-20.", "2026-03-20" },
        { "The deadline is December 1, 2026.", "2026-12-01" },
        { "I'll do three nights this week.", "2026-03-13" },
        { "I'll decide by the end of the month.", "2026-03-31" },
        { "Walk every weekday, starting Monday March 16.", null },
        { "It fell apart last Friday.", null },
        { "I stopped two weeks ago.", null },
        { "I'll walk more.", null },
        { "Read 3/4 of the book.", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_Sentence_ReturnsStatedDueDate(string sentence, string? expected)
    {
        var due = DueDateResolver.Resolve(sentence, Monday);

        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void Resolve_WeekdayOnSameWeekday_MeansNextWeek()
    {
        var friday = new DateOnly(2026, 3, 13);

        Assert.Equal(new DateOnly(2026, 3, 20), DueDateResolver.Resolve("Send it by Friday.", friday));
    }

    [Fact]
    public void Find_TwoDates_ReturnsFirstWithSpan()
    {
        var match = DueDateResolver.Find("Alarm until Tuesday March 24, and the GP by Friday March 13.", Monday);

        Assert.NotNull(match);
        Assert.Equal(new DateOnly(2026, 3, 24), match.Date);
        Assert.Equal("March 24", "Alarm until Tuesday March 24, and the GP by Friday March 13."[match.Index..(match.Index + match.Length)]);
    }
}
