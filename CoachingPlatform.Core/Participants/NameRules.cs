namespace CoachingPlatform.Core.Participants;

/// <summary>How strongly two names say "same person", strongest first.</summary>
internal enum NameMatch
{
    None = 0,

    /// <summary>One is a single token equal to the other's first or last name ("Lee" / "Anna Lee").</summary>
    Token = 1,

    /// <summary>Both have two or more tokens with the same first and last ("Anna Lee" / "Anna Marie Lee").</summary>
    FirstLast = 2,

    /// <summary>Same key ("Dr. Lee" / "lee").</summary>
    Exact = 3,
}

/// <summary>The name-comparison rules shared by speaker merging, coach recognition and client matching.</summary>
internal static class NameRules
{
    public static NameMatch Compare(SpeakerName a, SpeakerName b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return NameMatch.None;
        }

        if (string.Equals(a.Key, b.Key, StringComparison.Ordinal))
        {
            return NameMatch.Exact;
        }

        if (!a.IsSingleToken && !b.IsSingleToken)
        {
            return string.Equals(a.FirstName, b.FirstName, StringComparison.Ordinal)
                && string.Equals(a.LastName, b.LastName, StringComparison.Ordinal)
                ? NameMatch.FirstLast
                : NameMatch.None;
        }

        var (single, full) = a.IsSingleToken ? (a, b) : (b, a);
        return full.IsSingleToken || !HasToken(full, single.Tokens[0]) ? NameMatch.None : NameMatch.Token;
    }

    /// <summary>True when <paramref name="token"/> is the first or last name of <paramref name="full"/>.</summary>
    public static bool HasToken(SpeakerName full, string token) =>
        string.Equals(full.FirstName, token, StringComparison.Ordinal) || string.Equals(full.LastName, token, StringComparison.Ordinal);

    /// <summary>
    /// The single candidate matching at the strongest level any candidate reaches, or null when
    /// nobody matches or two or more match equally well (ambiguous).
    /// </summary>
    public static T? FindUnique<T>(IEnumerable<T> candidates, Func<T, NameMatch> match)
        where T : class
    {
        var best = NameMatch.None;
        var found = new List<T>();
        foreach (var candidate in candidates)
        {
            var level = match(candidate);
            if (level == NameMatch.None || level < best)
            {
                continue;
            }

            if (level > best)
            {
                best = level;
                found.Clear();
            }

            found.Add(candidate);
        }

        return found.Count == 1 ? found[0] : null;
    }
}
