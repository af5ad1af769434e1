using System.Text.RegularExpressions;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>Which cue family a sentence matched.</summary>
internal enum CueKind
{
    Win,
    Challenge,
    Commitment,
    Assignment,
    Suggestion,
    Urgent,
    Breakthrough,
    Confusion,
    CoachAcknowledgesBreakthrough,
    ActionRound,
}

/// <summary>A cue found in a sentence: its family and the matched text.</summary>
internal readonly record struct Cue(CueKind Kind, int Index, int Length, string Text);

/// <summary>
/// The local analyser's cue phrases, one alternative per line (case-insensitive, curly apostrophes normalised first).
/// A cue preceded within three words (same clause) by a negation (not, no, never, n't, without) does not count
/// (for red flags, inability — can't, cannot, couldn't — is not a negation, so they fail safe):
/// "I haven't stopped taking my medication" is not urgent, "I'm not confused" is not confusion. Cues that contain their
/// own negation ("I didn't", "I can't breathe") are checked only against the words before them. docs/quality.md lists
/// the families and their sizes; keep both in step.
/// </summary>
internal static partial class CueLexicon
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant;

    /// <summary>Alternatives per family (for the docs and the report).</summary>
    public static IReadOnlyDictionary<CueKind, int> Sizes { get; } = new Dictionary<CueKind, int>
    {
        [CueKind.Win] = 18,
        [CueKind.Challenge] = 23,
        [CueKind.Commitment] = 9,
        [CueKind.Assignment] = 9,
        [CueKind.Suggestion] = 17,
        [CueKind.Urgent] = 16,
        [CueKind.Breakthrough] = 13,
        [CueKind.Confusion] = 13,
        [CueKind.CoachAcknowledgesBreakthrough] = 1,
        [CueKind.ActionRound] = 1,
    };

    /// <summary>Cues of one family in the sentence that are not negated.</summary>
    public static IReadOnlyList<Cue> Find(CueKind kind, string sentence)
    {
        var text = Normalise(sentence);
        var cues = new List<Cue>();
        foreach (var m in Pattern(kind).EnumerateMatches(text))
        {
            // Red flags fail safe: inability ("I can't ignore the chest pain", "I can't stop the panic attacks") means
            // the symptom persists, so for them can't/cannot/couldn't do not negate.
            if (!IsNegated(text, m.Index, ignoreInability: kind == CueKind.Urgent))
            {
                cues.Add(new Cue(kind, m.Index, m.Length, sentence.Substring(m.Index, m.Length)));
            }
        }

        return cues;
    }

    /// <summary>The first non-negated cue of the family, or default (null <see cref="Cue.Text"/>) when none.</summary>
    public static Cue First(CueKind kind, string sentence) => Find(kind, sentence) is [var first, ..] ? first : default;

    public static bool Has(CueKind kind, string sentence) => Find(kind, sentence).Count > 0;

    /// <summary>True when the sentence begins with a task verb (an imperative such as "Call the practice").</summary>
    public static bool StartsWithTaskVerb(string sentence) => TaskVerbStart().IsMatch(Normalise(sentence));

    /// <summary>True when the sentence begins with a verb a coach uses to advise ("Write that down", "Hold on to that").</summary>
    public static bool StartsWithAdviceVerb(string sentence) => AdviceVerbStart().IsMatch(Normalise(sentence));

    /// <summary>Past-tense markers: "it fell apart by Thursday" reports, it does not commit.</summary>
    public static bool IsPastTense(string sentence) => PastTense().IsMatch(Normalise(sentence));

    public static string Normalise(string sentence) => sentence.Replace('\u2019', '\'').Replace('\u2018', '\'');

    // Negation within the three words before the cue, in the same clause (no , ; : . between).
    private static bool IsNegated(string text, int cueIndex, bool ignoreInability)
    {
        var before = text[..cueIndex];
        var clause = before.LastIndexOfAny([',', ';', ':', '.', '!', '?']);
        if (clause >= 0)
        {
            before = before[(clause + 1)..];
        }

        var words = before.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.TakeLast(3).Any(w => Negation().IsMatch(w) && !(ignoreInability && Inability().IsMatch(w)));
    }

    private static Regex Pattern(CueKind kind) => kind switch
    {
        CueKind.Win => Win(),
        CueKind.Challenge => Challenge(),
        CueKind.Commitment => Commitment(),
        CueKind.Assignment => Assignment(),
        CueKind.Suggestion => Suggestion(),
        CueKind.Urgent => Urgent(),
        CueKind.Breakthrough => Breakthrough(),
        CueKind.Confusion => Confusion(),
        CueKind.CoachAcknowledgesBreakthrough => CoachAcknowledgesBreakthrough(),
        _ => ActionRound(),
    };

    [GeneratedRegex(@"^(?:not|no|never|without|nor|hardly|barely|\w+n't|cannot)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^(?:can't|cannot|couldn't)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Inability();

    // Wins: past-tense accomplishment.
    [GeneratedRegex(@"
        \bI(?:'ve|\s+have)?\s+(?:finally\s+|also\s+|just\s+)?(?:finished|completed|achieved|succeeded|nailed)\b
      | \bI(?:'ve|\s+have)?\s+managed\b
      | \bfinally\b
      | \bit\s+(?:really\s+)?(?:worked|works)\b
      | \b(?:went|going)\s+(?:really\s+)?(?:well|great)\b
      | \bworked\s+(?:well|out)\b
      | \bI\s+did\s+(?!not\b)\w+
      | \bproud\b
      | \bfor\s+the\s+first\s+time\b
      | \bbreakthrough\b
      | \bI\s+(?:realised|realized)\b
      | \bI(?:\s+was|'ve\s+been|\s+have\s+been)\s+able\s+to\b
      | \bI\s+(?:stuck\s+to|kept\s+up|kept\s+to)\b
      | \b(?:progress|improved|improving)\b
      | \ba\s+(?:small\s+|big\s+|real\s+)?win\b
      | \bmore\s+than\s+I've\s+(?:done|managed)\b
      | \bI\s+(?:got|gotten)\s+(?:it\s+)?done\b
      | \bI\s+(?:hit|reached|met)\s+(?:my|the)\s+(?:goal|target)\b
        ", Options)]
    private static partial Regex Win();

    // Challenges: struggle, obstacles, missed commitments.
    [GeneratedRegex(@"
        \bI\s+keep\b
      | \bI\s+kept\s+(?:meaning|forgetting|putting|missing)\b
      | \bstruggl\w*
      | \bhard\s+(?:to|for\s+me)\b
      | \bdifficult\b
      | \bI\s+(?:can't|cannot|couldn't|could\s+not)\b
      | \bstuck\b(?!\s+(?:to|with\s+it))
      | \boverwhelm\w*
      | \bprocrastinat\w*
      | \bI\s+(?:didn't|did\s+not|haven't|have\s+not|wasn't\s+able|never\s+managed)\b
      | \bthe\s+(?:problem|issue|obstacle|challenge|trouble)\s+(?:is|was)\b
      | \bthe\s+hard(?:est)?\s+part\b
      | \b(?:fell|falls|falling)\s+apart\b
      | \b(?:gave|give|giving)\s+up\b
      | \b(?:fell|falling|fall)\s+behind\b
      | \b(?:tired|exhausted|burn(?:ed|t)\s+out|burnout)\b
      | \b(?:stressed|anxious|worried|scared|afraid|frustrated)\b
      | \bnot\s+(?:great|good|well)\b
      | \bI\s+(?:forgot|missed|miss|failed|skipped)\b
      | \b(?:too\s+busy|no\s+time|ran\s+out\s+of\s+time)\b
      | \ball\s+over\s+the\s+place\b
      | \bgot\s+in\s+the\s+way\b
      | \bI\s+(?:stopped|quit)\s+(?:taking|going|doing|exercising)\b
        ", Options)]
    private static partial Regex Challenge();

    // The participant commits (first person, future).
    [GeneratedRegex(@"
        \bI(?:'ll|\s+will)\b(?!\s+(?:be\s+honest|say|admit|tell\s+you\s+(?:what|something)|try\s+to\s+explain))
      | \bI(?:'m|\s+am)\s+going\s+to\b(?!\s+be\s+honest)
      | \bI(?:'m|\s+am)\s+gonna\b
      | \b(?:next\s+week|tomorrow|tonight|this\s+week|on\s+monday|by\s+friday),?\s+I\b
      | \bmy\s+(?:plan|goal|commitment|action\s+item|next\s+step)\s+(?:is|for\s+this\s+week\s+is)\b
      | \bI\s+commit\b
      | \bI(?:'m|\s+am)\s+committing\b
      | \bI\s+(?:plan|intend|promise)\s+to\b
      | \bI(?:'ve|\s+have)\s+decided\s+to\b
        ", Options)]
    private static partial Regex Commitment();

    // The coach gives the participant a task (only in sentences addressed to them).
    [GeneratedRegex(@"
        \b(?:can|could|would|will)\s+you\s+(?:please\s+)?(?=(?:call|book|block|send|write|rewrite|redo|email|text|take|log|walk|read|track|schedule|set|tell|talk|ask|finish|start|draft|prepare|review|practi[cs]e|try|make|buy|join|sign|submit|update|meet|check|list|pick|bring|put|get|keep|note|have|share|contact|reach|find|research|apply|plan|cook|go)\b)
      | \bI(?:'d|\s+would)\s+like\s+you\s+to\b
      | \bI\s+want\s+you\s+to\b
      | \bplease\s+(?=(?:call|book|block|send|write|email|text|take|log|read|track|schedule|set|tell|talk|ask|finish|start|draft|prepare|review|bring|check|list|pick|keep|note)\b)
      | \byour\s+(?:action\s+item|homework|task|assignment|commitment)(?:\s+is\b|\s*:|\s+for\s+this\s+week\b|\s+small\b)
      | \bmake\s+your\s+action\s+item\b
      | \blet's\s+make\s+(?:that|this|it)\s+(?:the|your)\s+action\s+item\b
      | \byou(?:'ll|\s+will)\s+need\s+to\b
      | \bI'm\s+asking\s+you\s+to\b
        ", Options)]
    private static partial Regex Assignment();

    // The coach advises (only in sentences addressed to the participant).
    [GeneratedRegex(@"
        \btry\b
      | \bI(?:'d|\s+would)\s+(?:also\s+|really\s+)?(?:suggest|recommend|encourage)\b
      | \bI\s+(?:suggest|recommend)\b
      | \bconsider\b
      | \bwhat\s+if\s+you\b
      | \bit\s+(?:might|may|could|would)\s+help\b
      | \b(?:would|might|could)\s+it\s+help\s+to\b
      | \byou\s+(?:could|might)\s+(?:try|want\s+to|consider|start|use|set|put|keep|write|ask)\b
      | \bhow\s+about\s+\w+ing\b
      | \bmake\s+sure\s+you\b
      | \bremember\s+to\b
      | \bhold\s+on\s+to\b
      | \bwrite\s+(?:that|it|this|them|both)?\s*down\b
      | \bkeep\s+(?:doing|going|using|the|that|it)\b
      | \bworth\s+(?:trying|considering)\b
      | \bone\s+(?:idea|option)\s+(?:is|would\s+be)\b
      | \bnotice\s+(?:when|what|how)\b
        ", Options)]
    private static partial Regex Suggestion();

    // Urgency: health red flags and crisis words (participant's own words only).
    [GeneratedRegex(@"
        \b(?:stop(?:ped|ping)?|quit(?:ting)?|came\s+off|coming\s+off|skipp(?:ed|ing)|not\s+taking|off)\b[^.?!]{0,30}?\b(?:my|the|those|these)\s+(?:\w+\s+)?(?:medications?|meds|medicine|pills|prescription|insulin|tablets|antidepressants)\b
      | \bchest\s+(?:pains?|tightness|pressure)\b
      | \b(?:pain|tightness|pressure)\s+in\s+my\s+chest\b
      | \b(?:can't|cannot|couldn't|could\s+not)\s+breathe\b
      | \bshort(?:ness)?\s+of\s+breath\b
      | \bsuicid\w*
      | \bself[-\s]?harm\w*
      | \b(?:hurt|harm|kill|hurting|harming|killing)\s+myself\b
      | \bend\s+(?:it\s+all|my\s+life)\b
      | \b(?:want|wanted)\s+to\s+die\b
      | \bbetter\s+off\s+dead\b
      | \bfaint(?:ed|ing)?\b|\bpassed\s+out\b
      | \b(?:not|haven't|stopped)\s+(?:been\s+)?eat(?:ing|en)\b
      | \bpanic\s+attacks?\b
      | \b(?:crisis|overdos\w*|unsafe|seizures?)\b
      | \bdon't\s+feel\s+safe\b
        ", Options)]
    private static partial Regex Urgent();

    // Breakthrough: a realisation in the participant's own words.
    [GeneratedRegex(@"
        \bit\s+(?:just\s+|finally\s+)?clicked\b
      | \bI\s+(?:just\s+|finally\s+)?(?:realised|realized|realise|realize)\b
      | \bfor\s+the\s+first\s+time\b(?!\s+(?:since|in|ever)\b)
      | \baha\b
      | \bnow\s+I\s+(?:get|see|understand)\b
      | \bthat\s+changes\s+everything\b
      | \boh,?\s+(?:so\s+)?that's\s+(?:it|why)\b
      | \bI\s+never\s+(?:thought|looked\s+at|saw)\s+(?:about\s+)?(?:it|this|that)\s+(?:like|that\s+way|this\s+way)
      | \blight\s*bulb\b
      | \beye[-\s]opener\b
      | \bI\s+see\s+it\s+now\b
      | \bit\s+(?:was|is|'s)\s+never\s+(?:been\s+)?(?:really\s+)?about\b
      | \bbreakthrough\b
        ", Options)]
    private static partial Regex Breakthrough();

    // Confusion: the participant says they do not follow.
    [GeneratedRegex(@"
        \bI\s+(?:don't|do\s+not)\s+(?:really\s+)?(?:understand|get\s+(?:it|this|that|what|how|why))\b
      | \bI(?:'m|\s+am)\s+(?:a\s+(?:bit|little)\s+|so\s+|really\s+|totally\s+|completely\s+|kind\s+of\s+)?(?:confused|lost)\b
      | \bconfus(?:ed|ing)\b
      | \bwhat\s+do\s+you\s+mean\b
      | \bnot\s+sure\s+I\s+(?:follow|understand|get)\b
      | \blost\s+me\b
      | \bwhat(?:'s|\s+is)\s+the\s+difference\b
      | \bwhich\s+(?:one\s+)?am\s+I\s+supposed\b
      | \bcan\s+you\s+(?:explain|repeat|say\s+that\s+again)\b
      | \bI(?:'m|\s+am)\s+not\s+sure\s+(?:what|how)\s+(?:I'm|I\s+am|we're|you)\s+(?:supposed|meant|asking)\b
      | \bdoesn't\s+make\s+(?:any\s+)?sense\b
      | \bunclear\b
      | \bI\s+don't\s+follow\b
        ", Options)]
    private static partial Regex Confusion();

    // The coach names a realisation right after the participant spoke ("That's a big realisation, Priya").
    [GeneratedRegex(@"\b(?:realisation|realization|insight|breakthrough|light\s*bulb|aha|big\s+shift|powerful\s+(?:thing|thought|reframe))\b", Options)]
    private static partial Regex CoachAcknowledgesBreakthrough();

    // The coach opens a round of commitments: the next few participant turns are action items.
    [GeneratedRegex(@"\b(?:action\s+items?|commitments?|lock\s+in|what's\s+yours|what\s+will\s+you\s+(?:do|commit)|next\s+steps?)\b", Options)]
    private static partial Regex ActionRound();

    [GeneratedRegex(@"^(?:(?:and|so|then|also|ok(?:ay)?|yes|sure),?\s+)?(?:call|book|block|send|write|email|text|take|log|walk|read|track|schedule|plan|set|tell|talk|ask|finish|start|draft|prepare|review|practi[cs]e|buy|join|sign|submit|update|meet|cook|leave|bring|check|list|pick|clear|protect|run|go|put|keep|stop|limit|spend|drink|eat|sleep|turn)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TaskVerbStart();

    [GeneratedRegex(@"^(?:so,?\s+|and\s+|maybe\s+|perhaps\s+)?(?:try|write|keep|hold|notice|pick|start|use|put|remember|focus|treat|practi[cs]e|plan|protect|set|think\s+about|give|consider|celebrate|be\s+kind|go\s+easy)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdviceVerbStart();

    [GeneratedRegex(@"\b(?:was|were|had|did|didn't|got|fell|went|came|ago|last|yesterday|felt|made|said|told|happened)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastTense();
}
