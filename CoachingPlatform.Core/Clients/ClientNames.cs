using System.Globalization;
using System.Text;

namespace CoachingPlatform.Core.Clients;

/// <summary>How client names, aliases and speaker labels are compared.</summary>
public static class ClientNames
{
    /// <summary>
    /// The value of <see cref="Client.NormalizedName"/>: compatibility-normalised (NFKC), lower case, inner whitespace
    /// collapsed to single spaces and trimmed, so "  MARÍA  Lopez" and "maría lopez" are the same person.
    /// </summary>
    public static string Normalize(string name)
    {
        var text = name.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
