namespace CoachingPlatform.Core.Participants;

/// <summary>Word and question counts of a turn's text.</summary>
internal static class TextMetrics
{
    /// <summary>Whitespace-separated tokens that contain a letter or digit ("—" and "..." are not words).</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        var hasContent = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (inWord && hasContent)
                {
                    words++;
                }

                inWord = false;
                hasContent = false;
                continue;
            }

            inWord = true;
            hasContent |= char.IsLetterOrDigit(c);
        }

        return inWord && hasContent ? words + 1 : words;
    }

    /// <summary>
    /// Sentences that end in a question mark, counted per sentence: a run of terminators (. ! ? … and their full-width forms)
    /// ends a sentence, and counts when it contains '?' and the sentence has a letter or digit ("Really?! Why?" is 2; "??" alone is 0).
    /// </summary>
    public static int CountQuestions(string text)
    {
        var questions = 0;
        var hasContent = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsTerminator(text[i]))
            {
                hasContent |= char.IsLetterOrDigit(text[i]);
                i++;
                continue;
            }

            var isQuestion = false;
            while (i < text.Length && IsTerminator(text[i]))
            {
                isQuestion |= text[i] is '?' or '\uFF1F';
                i++;
            }

            if (isQuestion && hasContent)
            {
                questions++;
            }

            hasContent = false;
        }

        return questions;
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '\u2026' or '\uFF1F' or '\uFF01' or '\u3002';
}
