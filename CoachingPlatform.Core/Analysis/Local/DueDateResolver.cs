using System.Globalization;
using System.Text.RegularExpressions;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>
/// Finds the due date a sentence states, relative to the session date. Understood (case-insensitive):
/// ISO dates (<c>2026-03-20</c>); month names with a day (<c>March 3</c>, <c>3rd of March</c>, optional weekday and year);
/// <c>the 15th</c> (this month, or next month when that day has passed); <c>today</c>/<c>tonight</c>, <c>tomorrow</c>,
/// <c>the day after tomorrow</c>; weekdays (<c>by Friday</c>: the first one after the session; <c>this Friday</c>: on or
/// after; <c>next Friday</c>: the one in the following calendar week); <c>in two weeks</c>/<c>in 3 days</c>/<c>within a
/// month</c>; <c>this week</c>/<c>end of the week</c> (that week's Friday), <c>next week</c> (+7 days),
/// <c>end of the month</c>. Numeric dates such as 3/4 are ignored (day/month order is ambiguous).
/// A date introduced by "starting", "from", "since", "last" or followed by "ago" is a start or a past date, not a due
/// date, and is skipped. When several dates remain, the first in the sentence wins.
/// </summary>
public static partial class DueDateResolver
{
    private const string Months =
        "january|february|march|april|may|june|july|august|september|october|november|december|" +
        "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    /// <summary>The due date the sentence states, or null when it states none.</summary>
    public static DateOnly? Resolve(string sentence, DateOnly sessionDate) => Find(sentence, sessionDate)?.Date;

    /// <summary>The first due date in the sentence with where it was found, or null.</summary>
    public static DueDateMatch? Find(string sentence, DateOnly sessionDate)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var text = sentence.Replace('\u2019', '\'');
        DueDateMatch? best = null;

        void Consider(int index, int length, DateOnly? date)
        {
            if (date is null || IsStartOrPast(text, index, length))
            {
                return;
            }

            if (best is null || index < best.Index)
            {
                best = new DueDateMatch(date.Value, index, length);
            }
        }

        foreach (Match m in IsoDate().Matches(text))
        {
            Consider(m.Index, m.Length, TryDate(Int(m.Groups["y"]), Int(m.Groups["m"]), Int(m.Groups["d"])));
        }

        foreach (Match m in MonthDay().Matches(text))
        {
            Consider(m.Index, m.Length, MonthDate(m, sessionDate));
        }

        foreach (Match m in DayOfMonth().Matches(text))
        {
            Consider(m.Index, m.Length, MonthDate(m, sessionDate));
        }

        foreach (Match m in OrdinalDay().Matches(text))
        {
            var day = Int(m.Groups["d"]);
            var date = TryDate(sessionDate.Year, sessionDate.Month, day);
            if (date is null || date < sessionDate)
            {
                var next = sessionDate.AddMonths(1);
                date = TryDate(next.Year, next.Month, day);
            }

            Consider(m.Index, m.Length, date);
        }

        foreach (Match m in RelativeDay().Matches(text))
        {
            var word = m.Groups["w"].Value.ToUpperInvariant();
            var days = word.StartsWith("THE DAY AFTER", StringComparison.Ordinal) ? 2 : word.StartsWith("TOMORROW", StringComparison.Ordinal) ? 1 : 0;
            Consider(m.Index, m.Length, sessionDate.AddDays(days));
        }

        foreach (Match m in Weekday().Matches(text))
        {
            // A weekday right before a month date ("Wednesday March 11") is that date's label, found above.
            if (MonthDay().IsMatch(text[(m.Index + m.Length)..].TrimStart(',', ' ')) &&
                MonthDay().Match(text[(m.Index + m.Length)..].TrimStart(',', ' ')).Index == 0)
            {
                continue;
            }

            var target = ParseDay(m.Groups["d"].Value);
            var qualifier = m.Groups["q"].Value.ToUpperInvariant();
            var ahead = ((int)target - (int)sessionDate.DayOfWeek + 7) % 7;
            DateOnly date;
            if (qualifier == "THIS")
            {
                date = sessionDate.AddDays(ahead);
            }
            else if (qualifier == "NEXT")
            {
                date = sessionDate.AddDays(ahead == 0 ? 7 : ahead);
                if (WeekStart(date) == WeekStart(sessionDate))
                {
                    date = date.AddDays(7);
                }
            }
            else
            {
                date = sessionDate.AddDays(ahead == 0 ? 7 : ahead);
            }

            Consider(m.Index, m.Length, date);
        }

        foreach (Match m in InSpan().Matches(text))
        {
            var n = Number(m.Groups["n"].Value);
            var unit = m.Groups["u"].Value.ToUpperInvariant();
            DateOnly? date = unit.StartsWith("DAY", StringComparison.Ordinal) ? sessionDate.AddDays(n)
                : unit.StartsWith("WEEK", StringComparison.Ordinal) ? sessionDate.AddDays(7 * n)
                : sessionDate.AddMonths(n);
            Consider(m.Index, m.Length, n > 0 ? date : null);
        }

        foreach (Match m in WeekOrMonth().Matches(text))
        {
            var phrase = m.Value.ToUpperInvariant();
            DateOnly date;
            if (phrase.Contains("MONTH", StringComparison.Ordinal))
            {
                date = new DateOnly(sessionDate.Year, sessionDate.Month, DateTime.DaysInMonth(sessionDate.Year, sessionDate.Month));
            }
            else if (phrase.StartsWith("NEXT", StringComparison.Ordinal))
            {
                date = sessionDate.AddDays(7);
            }
            else
            {
                var friday = WeekStart(sessionDate).AddDays(4);
                date = friday < sessionDate ? sessionDate : friday;
            }

            Consider(m.Index, m.Length, date);
        }

        return best;
    }

    // Monday of the ISO-style week the date falls in.
    private static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static bool IsStartOrPast(string text, int index, int length)
    {
        var before = text[..index].TrimEnd();
        var after = text[(index + length)..];
        return StartOrPastBefore().IsMatch(before) || AgoAfter().IsMatch(after);
    }

    private static DateOnly? MonthDate(Match m, DateOnly sessionDate)
    {
        var month = ParseMonth(m.Groups["mon"].Value);
        var day = Int(m.Groups["d"]);
        if (m.Groups["y"].Success)
        {
            return TryDate(Int(m.Groups["y"]), month, day);
        }

        // No year: this year, unless that is more than 60 days before the session (then it means next year).
        var date = TryDate(sessionDate.Year, month, day);
        return date is { } d && d < sessionDate.AddDays(-60) ? TryDate(sessionDate.Year + 1, month, day) : date;
    }

    private static int ParseMonth(string name) =>
        name[..3].ToUpperInvariant() switch
        {
            "JAN" => 1, "FEB" => 2, "MAR" => 3, "APR" => 4, "MAY" => 5, "JUN" => 6,
            "JUL" => 7, "AUG" => 8, "SEP" => 9, "OCT" => 10, "NOV" => 11, _ => 12,
        };

    private static DayOfWeek ParseDay(string name) =>
        name[..3].ToUpperInvariant() switch
        {
            "MON" => DayOfWeek.Monday, "TUE" => DayOfWeek.Tuesday, "WED" => DayOfWeek.Wednesday,
            "THU" => DayOfWeek.Thursday, "FRI" => DayOfWeek.Friday, "SAT" => DayOfWeek.Saturday, _ => DayOfWeek.Sunday,
        };

    private static int Number(string value) =>
        value.ToUpperInvariant() switch
        {
            "A" or "AN" or "ONE" => 1, "TWO" or "A COUPLE OF" or "COUPLE OF" => 2, "THREE" => 3, "FOUR" => 4, "FIVE" => 5,
            "SIX" => 6, "SEVEN" => 7, "EIGHT" => 8, "NINE" => 9, "TEN" => 10, "ELEVEN" => 11, "TWELVE" => 12,
            var digits => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 366 ? n : 0,
        };

    private static int Int(Group g) => int.Parse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static DateOnly? TryDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    [GeneratedRegex(@"\b(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<mon>" + Months + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4})\b)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>" + Months + @")\b\.?(?:,?\s+(?<y>\d{4})\b)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayOfMonth();

    // "the 15th" not followed by a month (that form is DayOfMonth).
    [GeneratedRegex(@"\bthe\s+(?<d>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:" + Months + @")\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalDay();

    [GeneratedRegex(@"\b(?<w>the\s+day\s+after\s+tomorrow|tomorrow|today|tonight)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeDay();

    [GeneratedRegex(@"\b(?:(?<q>this|next|coming)\s+)?(?<d>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?:in|within)\s+(?:the\s+next\s+)?(?<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?couple\s+of)\s+(?<u>days?|weeks?|months?)\b|\b(?<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?<u>days?|weeks?|months?)\s+from\s+(?:now|today)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InSpan();

    [GeneratedRegex(@"\b(?:this\s+week|(?:the\s+)?end\s+of\s+(?:the|this)\s+week|next\s+week|(?:the\s+)?end\s+of\s+(?:the|this)\s+month)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeekOrMonth();

    [GeneratedRegex(@"\b(?:starting|started|start|from|since|last|past)(?:\s+(?:on|this|next|the))?(?:\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StartOrPastBefore();

    [GeneratedRegex(@"^\s+ago\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgoAfter();
}

/// <summary>A due date found in a sentence: the date and the span of text that stated it.</summary>
public sealed record DueDateMatch(DateOnly Date, int Index, int Length);
