using System.Text;
using CoachingPlatform.Core.Participants;

namespace CoachingPlatform.Core.Clients;

/// <summary>How client names, aliases and speaker labels are compared: one rule, the speaker key.</summary>
public static class ClientNames
{
    /// <summary>
    /// The value of <see cref="Client.NormalizedName"/>: the <see cref="SpeakerName.Key"/> of the width-folded (NFKC)
    /// name — case-folded, diacritics and titles removed, whitespace collapsed — so "  Dr. MARÍA  Lopez" and
    /// "maria lopez" are the same person, exactly as speaker matching decides.
    /// </summary>
    public static string Normalize(string name) => SpeakerName.ToKey(name.Normalize(NormalizationForm.FormKC));
}
