using System.Buffers;
using System.Globalization;

namespace CoachingPlatform.Core.Transcripts;

/// <summary>Clock times as transcripts write them: <c>[h:]m:ss[.fff]</c> with <c>.</c> or <c>,</c> before the fraction.</summary>
internal static class Timestamps
{
    private static readonly SearchValues<char> ClockChars = SearchValues.Create("0123456789:.,");

    private static readonly double[] FractionScale =
        [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>
    /// Parses <c>m:ss</c>, <c>mm:ss.fff</c>, <c>h:mm:ss</c>, <c>hh:mm:ss,fff</c>. Minutes and seconds are below 60
    /// (minutes may be any size when there is no hour part, as some exports write <c>75:02</c>); no sign, no spaces.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, out double seconds)
    {
        seconds = 0;
        if (s.IsEmpty || s.Length > 24)
        {
            return false;
        }

        Span<long> parts = stackalloc long[3];
        Span<int> digits = stackalloc int[3];
        var count = 0;
        var i = 0;
        while (true)
        {
            var begin = i;
            long value = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                value = (value * 10) + (s[i] - '0');
                i++;
            }

            var n = i - begin;
            if (n == 0 || n > 6 || count == 3)
            {
                return false;
            }

            parts[count] = value;
            digits[count] = n;
            count++;
            if (i < s.Length && s[i] == ':')
            {
                i++;
                continue;
            }

            break;
        }

        if (count < 2)
        {
            return false;
        }

        double fraction = 0;
        if (i < s.Length && (s[i] == '.' || s[i] == ','))
        {
            i++;
            var begin = i;
            long value = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]) && i - begin < 9)
            {
                value = (value * 10) + (s[i] - '0');
                i++;
            }

            if (i == begin)
            {
                return false;
            }

            fraction = value / FractionScale[i - begin];
        }

        if (i != s.Length)
        {
            return false;
        }

        long hours = 0, minutes, secs;
        if (count == 3)
        {
            (hours, minutes, secs) = (parts[0], parts[1], parts[2]);
            if (digits[1] > 2 || minutes >= 60)
            {
                return false;
            }
        }
        else
        {
            (minutes, secs) = (parts[0], parts[1]);
        }

        if (digits[count - 1] > 2 || secs >= 60)
        {
            return false;
        }

        seconds = (hours * 3600) + (minutes * 60) + secs + fraction;
        return true;
    }

    /// <summary>A clock time, or a plain number of seconds (<c>"12.5"</c>), as JSON exports write either.</summary>
    public static bool TryParseClockOrSeconds(ReadOnlySpan<char> s, out double seconds)
    {
        s = s.Trim();
        if (s.Contains(':'))
        {
            return TryParse(s, out seconds);
        }

        return double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds)
            && double.IsFinite(seconds);
    }

    /// <summary>True when the text is made only of digits and separators, i.e. it was meant as a time.</summary>
    public static bool LooksLikeTime(ReadOnlySpan<char> s) =>
        !s.IsEmpty && s.Contains(':') && char.IsAsciiDigit(s[0]) && s.IndexOfAnyExcept(ClockChars) < 0;
}
