using CoachingPlatform.Core.Identity;
using CoachingPlatform.Core.Templates;

namespace CoachingPlatform.Core.FollowUps;

/// <summary>The tone family a coach's free-text tone word maps to; it picks among the drafter's phrasings.</summary>
public enum VoiceTone
{
    Warm,
    Formal,
    Upbeat,
    Direct,
}

/// <summary>How a <see cref="VoiceProfile"/> is read by the drafter: tone family, usable phrases and sign-off.</summary>
internal static class VoiceStyle
{
    private const int MaxPhraseLength = 200;

    private static readonly Dictionary<string, VoiceTone> ToneWords = new(StringComparer.Ordinal)
    {
        ["warm"] = VoiceTone.Warm, ["friendly"] = VoiceTone.Warm, ["caring"] = VoiceTone.Warm, ["gentle"] = VoiceTone.Warm,
        ["kind"] = VoiceTone.Warm, ["supportive"] = VoiceTone.Warm, ["compassionate"] = VoiceTone.Warm, ["empathetic"] = VoiceTone.Warm,
        ["formal"] = VoiceTone.Formal, ["professional"] = VoiceTone.Formal, ["polite"] = VoiceTone.Formal, ["respectful"] = VoiceTone.Formal,
        ["reserved"] = VoiceTone.Formal, ["courteous"] = VoiceTone.Formal,
        ["upbeat"] = VoiceTone.Upbeat, ["energetic"] = VoiceTone.Upbeat, ["enthusiastic"] = VoiceTone.Upbeat, ["cheerful"] = VoiceTone.Upbeat,
        ["playful"] = VoiceTone.Upbeat, ["excited"] = VoiceTone.Upbeat, ["motivating"] = VoiceTone.Upbeat, ["positive"] = VoiceTone.Upbeat,
        ["direct"] = VoiceTone.Direct, ["concise"] = VoiceTone.Direct, ["brief"] = VoiceTone.Direct, ["straightforward"] = VoiceTone.Direct,
        ["crisp"] = VoiceTone.Direct, ["pragmatic"] = VoiceTone.Direct, ["blunt"] = VoiceTone.Direct,
    };

    /// <summary>The first word of the tone text that names a known family (so "warm and direct" is warm); warm by default.</summary>
    public static VoiceTone Tone(string? tone)
    {
        foreach (var word in Words((tone ?? "").ToLowerInvariant()))
        {
            if (ToneWords.TryGetValue(word, out var family))
            {
                return family;
            }
        }

        return VoiceTone.Warm;
    }

    /// <summary>The profile's phrases as whole sentences: one line each, trimmed, bounded, de-duplicated, in order.</summary>
    public static IReadOnlyList<string> Phrases(VoiceProfile? profile)
    {
        var phrases = new List<string>();
        foreach (var raw in profile?.Phrases ?? [])
        {
            var phrase = OneLine(raw);
            if (phrase.Length == 0)
            {
                continue;
            }

            if (phrase.Length > MaxPhraseLength)
            {
                phrase = phrase[..MaxPhraseLength].TrimEnd();
            }

            if (phrase[^1] is not ('.' or '!' or '?' or '…'))
            {
                phrase += ".";
            }

            if (!phrases.Contains(phrase, StringComparer.OrdinalIgnoreCase))
            {
                phrases.Add(phrase);
            }
        }

        return phrases;
    }

    /// <summary>The profile's sign-off (line breaks kept), else "— {coachName}".</summary>
    public static string SignOff(VoiceProfile? profile, string coachName)
    {
        var signOff = TemplateRenderer.StripControlCharacters(profile?.SignOff ?? "").Trim();
        return signOff.Length > 0 ? signOff : $"— {OneLine(coachName)}";
    }

    /// <summary>Control characters removed and all whitespace runs (line breaks included) collapsed to one space.</summary>
    public static string OneLine(string? text) =>
        string.Join(' ', TemplateRenderer.StripControlCharacters(text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isSeparator = i == text.Length || !char.IsLetter(text[i]);
            if (!isSeparator && start < 0)
            {
                start = i;
            }
            else if (isSeparator && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
