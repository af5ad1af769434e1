using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Core.Analysis.Local;

/// <summary>
/// The offline analyser used when no AI provider is configured: deterministic cue-phrase and sentence-structure rules
/// (see <see cref="CueLexicon"/>, <see cref="DueDateResolver"/>), plus optional local sentence embeddings to merge
/// near-duplicate items and to tie each coach recommendation to the participant sentence it answers. Every item's
/// evidence is the index of the turn its sentence came from; nothing is generated that the transcript does not say,
/// except the few recommendation templates, each grounded in (and quoting) the participant's challenge turn.
/// Same input, same output; no network; thread-safe.
/// </summary>
public sealed partial class LocalParticipantAnalyzer(ILocalEmbedder? embedder = null) : IParticipantAnalyzer
{
    /// <summary>Most items kept per list.</summary>
    public const int MaxItemsPerList = 6;

    /// <summary>Cosine similarity above which two items of one list are the same item.</summary>
    public const float DuplicateSimilarity = 0.9f;

    // Candidates per list looked at before de-duplication: bounds embedding work on very talkative participants.
    private const int MaxCandidatesPerList = 12;
    private const int MinItemWords = 3;

    // Participant sentences considered when grounding one coach recommendation.
    private const int MaxGroundingSentences = 8;

    // Content-word overlap (Jaccard) below which two items are never the same item, so never need embedding.
    private const double MinOverlapForDuplicate = 0.25;

    // "I'm stuck." is a challenge; a two-word win or challenge needs its cue to carry it.
    private const int MinWinOrChallengeWords = 2;
    private const int MaxItemLength = 220;

    // After a coach turn that opens a round of commitments, this many turns count as the round.
    private const int ActionRoundTurns = 10;

    // Similarity head start of the participant's latest turn when grounding a coach recommendation.
    private const float RecencyBonus = 0.1f;

    public static AnalysisUsage LocalUsage { get; } = new("local", "local-rules-v1", "local-v1", 0, 0);

    public string Name => "local";

    public Task<ParticipantAnalysis> AnalyseAsync(ParticipantAnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Analyse(request, cancellationToken));
    }

    /// <summary>The analysis, computed synchronously (the work is CPU-bound and short).</summary>
    public ParticipantAnalysis Analyse(ParticipantAnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new Context(request);

        var wins = new List<Candidate>();
        var challenges = new List<Candidate>();
        var actions = new List<ActionCandidate>();
        var recommendations = new List<Candidate>();
        var templates = new List<Candidate>();
        var urgent = new SortedSet<int>();
        var breakthrough = new SortedSet<int>();
        var confused = new SortedSet<int>();
        var actionRoundUntil = -1;
        int? lastParticipantTurn = null;

        foreach (var turn in request.Turns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (context.IsParticipant(turn.Speaker))
            {
                var inRound = turn.Index <= actionRoundUntil;
                foreach (var sentence in SentenceSplitter.Split(turn.Index, turn.Text))
                {
                    ReadParticipantSentence(sentence, inRound, request, wins, challenges, actions, templates, urgent, breakthrough, confused);
                }

                lastParticipantTurn = turn.Index;
            }
            else if (context.IsCoach(turn.Speaker))
            {
                if (CueLexicon.Has(CueKind.ActionRound, turn.Text))
                {
                    actionRoundUntil = turn.Index + ActionRoundTurns;
                }

                // The coach naming a realisation right after the participant spoke marks that turn as the breakthrough.
                if (lastParticipantTurn == turn.Index - 1 && CueLexicon.Has(CueKind.CoachAcknowledgesBreakthrough, turn.Text) &&
                    context.AddressedSentences(turn).Any(s => CueLexicon.Has(CueKind.CoachAcknowledgesBreakthrough, s.Text)))
                {
                    breakthrough.Add(turn.Index - 1);
                }

                foreach (var sentence in context.AddressedSentences(turn))
                {
                    ReadCoachSentence(sentence, lastParticipantTurn, request, actions, recommendations);
                }
            }
        }

        // One batch of embeddings for everything that needs one (none without an embedder).
        var winList = Shortlist(wins);
        var challengeList = Shortlist(challenges);
        var actionList = Shortlist(actions);
        var recommendationList = Shortlist(recommendations);
        var groundingSentences = GroundingCandidates(recommendationList, request, context);
        // Only texts whose vector can change the outcome are embedded: items with a lexically close sibling (a pair
        // sharing no content word is never merged), and recommendations with more than one sentence to ground in.
        var vectors = Embed(
            CloseTexts(winList).Concat(CloseTexts(challengeList)).Concat(CloseTexts(actionList)).Concat(CloseTexts(recommendationList))
                .Concat(groundingSentences.Where(g => g.Value.Count > 1).SelectMany(g => g.Value.Select(s => s.Text).Prepend(g.Key.Text))),
            cancellationToken);

        var finalRecommendations = Deduplicate(recommendationList, vectors)
            .Select(r => r with { Evidence = Ground(r, groundingSentences, vectors) })
            .ToList();
        foreach (var template in templates)
        {
            if (finalRecommendations.Count < MaxItemsPerList && finalRecommendations.All(r => r.Text != template.Text))
            {
                finalRecommendations.Add(template);
            }
        }

        var analysisWins = Deduplicate(winList, vectors).Take(MaxItemsPerList).Select(ToItem).ToList();
        var analysisChallenges = Deduplicate(challengeList, vectors).Take(MaxItemsPerList).Select(ToItem).ToList();
        var analysisActions = DeduplicateActions(actionList, vectors).Take(MaxItemsPerList)
            .Select(a => new ExtractedActionItem(a.Text, request.ParticipantName, a.Due, a.Evidence.ToList()))
            .ToList();
        var analysisRecommendations = finalRecommendations.Take(MaxItemsPerList).Select(ToItem).ToList();

        var signals = new ParticipantSignals(
            breakthrough.Count > 0, breakthrough.ToList(), urgent.Count > 0, urgent.ToList(), confused.Count > 0, confused.ToList());
        var participation = Participation.Of(request, context);
        var narrative = Narrative(request, participation, analysisWins, analysisChallenges, analysisActions, signals);
        var bullets = Bullets(analysisWins, analysisChallenges, analysisActions, analysisRecommendations, signals);
        return new ParticipantAnalysis(
            narrative, bullets, analysisWins, analysisChallenges, analysisActions, analysisRecommendations, signals, LocalUsage);
    }

    private static void ReadParticipantSentence(
        TurnSentence sentence, bool inActionRound, ParticipantAnalysisRequest request,
        List<Candidate> wins, List<Candidate> challenges, List<ActionCandidate> actions, List<Candidate> templates,
        SortedSet<int> urgent, SortedSet<int> breakthrough, SortedSet<int> confused)
    {
        var text = sentence.Text;
        var turn = sentence.TurnIndex;
        var urgentCue = CueLexicon.First(CueKind.Urgent, text);
        if (urgentCue.Text is not null)
        {
            urgent.Add(turn);
            templates.Add(new Candidate(
                $"Talk to a doctor or another healthcare professional about what you described (\u201C{urgentCue.Text}\u201D).", [turn]));
        }

        if (CueLexicon.Has(CueKind.Breakthrough, text))
        {
            breakthrough.Add(turn);
        }

        if (CueLexicon.Has(CueKind.Confusion, text))
        {
            confused.Add(turn);
        }

        var item = Clean(text);
        if (WordCount(item) < MinWinOrChallengeWords || !TextWords.HasContentWord(item))
        {
            return;
        }

        var question = text.EndsWith('?');
        if (!question && CueLexicon.Has(CueKind.Win, text))
        {
            wins.Add(new Candidate(item, [turn]));
        }

        var challengeCues = CueLexicon.Find(CueKind.Challenge, text);
        if (challengeCues.Count > 0 || urgentCue.Text is not null)
        {
            challenges.Add(new Candidate(item, [turn]));
            if (challengeCues.Select(c => Template(c.Text)).FirstOrDefault(t => t is not null) is { } advice)
            {
                templates.Add(new Candidate(advice, [turn]));
            }
        }

        if (question)
        {
            return;
        }

        if (WordCount(item) < MinItemWords)
        {
            return;
        }

        var committed = CueLexicon.Has(CueKind.Commitment, text);
        var imperative = CueLexicon.StartsWithTaskVerb(item) && !CueLexicon.IsPastTense(text) &&
                         (inActionRound || DueDateResolver.Find(text, request.SessionDate) is not null);
        if (committed || imperative)
        {
            foreach (var clause in Clauses(item, request.SessionDate))
            {
                actions.Add(new ActionCandidate(clause, DueDateResolver.Resolve(clause, request.SessionDate), [turn]));
            }
        }
    }

    private static void ReadCoachSentence(
        TurnSentence sentence, int? lastParticipantTurn, ParticipantAnalysisRequest request,
        List<ActionCandidate> actions, List<Candidate> recommendations)
    {
        var text = sentence.Text;
        // "I'll send each of you a summary with your commitment" is the coach's own promise, not a task for the participant.
        if (CueLexicon.Has(CueKind.Assignment, text) && !CueLexicon.IsPastTense(text) && !CueLexicon.Has(CueKind.Commitment, text))
        {
            var task = AsTask(text, request);
            if (WordCount(task) >= MinItemWords && TextWords.HasContentWord(task))
            {
                foreach (var clause in Clauses(task, request.SessionDate))
                {
                    actions.Add(new ActionCandidate(clause, DueDateResolver.Resolve(clause, request.SessionDate), [sentence.TurnIndex]));
                }
            }

            return;
        }

        var question = text.EndsWith('?');
        var suggests = CueLexicon.Has(CueKind.Suggestion, text) || CueLexicon.StartsWithAdviceVerb(StripVocative(text, request));
        if (suggests && (!question || WhatIf().IsMatch(text)))
        {
            var advice = Clean(StripVocative(text, request));
            if (WordCount(advice) >= 2 && TextWords.HasContentWord(advice))
            {
                recommendations.Add(new Candidate(advice, [sentence.TurnIndex]) { RespondsTo = lastParticipantTurn });
            }
        }
    }

    // Generic advice, only for a challenge the participant named; it quotes the cue so it stays grounded in that turn.
    private static string? Template(string cue)
    {
        var lower = cue.ToLowerInvariant();
        return lower switch
        {
            _ when lower.StartsWith("procrastinat", StringComparison.Ordinal) =>
                $"To get past the \u201C{cue}\u201D, pick a first step small enough to finish in ten minutes.",
            _ when lower.StartsWith("overwhelm", StringComparison.Ordinal) =>
                $"When it feels \u201C{cue}\u201D, list what is on your plate and choose the one thing that matters most this week.",
            _ when lower is "tired" or "exhausted" || lower.StartsWith("burn", StringComparison.Ordinal) =>
                $"Since you mentioned feeling \u201C{cue}\u201D, look at sleep and recovery before adding new commitments.",
            _ when lower.StartsWith("stuck", StringComparison.Ordinal) =>
                $"Where you feel \u201C{cue}\u201D, try one small experiment this week rather than a whole plan.",
            _ => null,
        };
    }

    // An action sentence with two dated parts ("log off at seven this week, and tell my manager by Friday") is two items.
    private static IEnumerable<string> Clauses(string sentence, DateOnly sessionDate)
    {
        var parts = ClauseBreak().Split(sentence).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (parts.Count > 1 && parts.All(p => DueDateResolver.Find(p, sessionDate) is not null && WordCount(p) >= MinItemWords))
        {
            return parts.Select(p => Capitalise(p.TrimEnd('.', ',', ';') + "."));
        }

        return [sentence];
    }

    // "Could you call the practice before the end of tomorrow?" -> "Call the practice before the end of tomorrow."
    private static string AsTask(string sentence, ParticipantAnalysisRequest request)
    {
        var text = StripVocative(sentence, request);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && ActionItemLabel().IsMatch(text[..colon]))
        {
            text = text[(colon + 1)..];
        }

        text = AssignmentLead().Replace(text.Trim(), string.Empty);
        text = text.TrimEnd('?', ' ');
        if (!text.EndsWith('.') && !text.EndsWith('!'))
        {
            text += ".";
        }

        return Clean(text);
    }

    private static string StripVocative(string sentence, ParticipantAnalysisRequest request)
    {
        foreach (var name in NamesOf(request))
        {
            if (sentence.StartsWith(name + ",", StringComparison.Ordinal))
            {
                return sentence[(name.Length + 1)..].TrimStart();
            }
        }

        return sentence;
    }

    private static IEnumerable<string> NamesOf(ParticipantAnalysisRequest request) =>
        request.ParticipantLabels.Append(request.ParticipantName)
            .SelectMany(n => new[] { n, n.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? n })
            .Where(n => n.Length >= 2)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(n => n.Length);

    private static Dictionary<Candidate, List<TurnSentence>> GroundingCandidates(
        IReadOnlyList<Candidate> recommendations, ParticipantAnalysisRequest request, Context context)
    {
        var result = new Dictionary<Candidate, List<TurnSentence>>(ReferenceEqualityComparer.Instance);
        foreach (var recommendation in recommendations)
        {
            if (recommendation.RespondsTo is not { } last)
            {
                continue;
            }

            // The participant's last two turns before the advice, at most eight turns back.
            var turns = request.Turns
                .Where(t => t.Index <= last && t.Index >= last - 8 && context.IsParticipant(t.Speaker))
                .OrderByDescending(t => t.Index)
                .Take(2);
            result[recommendation] = turns
                .SelectMany(t => SentenceSplitter.Split(t.Index, t.Text))
                .Where(s => WordCount(s.Text) >= MinItemWords)
                .OrderByDescending(s => s.TurnIndex)
                .ThenBy(s => s.Position)
                .Take(MaxGroundingSentences)
                .ToList();
        }

        return result;
    }

    // Evidence of a coach recommendation: the coach's turn plus the participant turn it answers (the most similar
    // sentence with embeddings, else the participant's latest turn before the advice).
    private static List<int> Ground(
        Candidate recommendation, Dictionary<Candidate, List<TurnSentence>> grounding, Dictionary<string, float[]> vectors)
    {
        var evidence = new SortedSet<int>(recommendation.Evidence);
        if (grounding.TryGetValue(recommendation, out var sentences) && sentences.Count > 0)
        {
            var best = sentences[0];
            if (vectors.TryGetValue(recommendation.Text, out var target))
            {
                var bestScore = float.MinValue;
                var latest = sentences.Max(s => s.TurnIndex);
                foreach (var sentence in sentences)
                {
                    // Advice usually answers what was just said: the latest turn gets a small head start.
                    var bonus = sentence.TurnIndex == latest ? RecencyBonus : 0f;
                    if (vectors.TryGetValue(sentence.Text, out var v) && EmbeddingMath.Cosine(target, v) + bonus is var score && score > bestScore)
                    {
                        (best, bestScore) = (sentence, score);
                    }
                }
            }

            evidence.Add(best.TurnIndex);
        }

        return evidence.ToList();
    }

    private Dictionary<string, float[]> Embed(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        var unique = texts.Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (embedder is null || unique.Count == 0)
        {
            return result;
        }

        var vectors = embedder.Embed(unique, cancellationToken);
        for (var i = 0; i < unique.Count; i++)
        {
            result[unique[i]] = vectors[i];
        }

        return result;
    }

    // Exact duplicates (case, punctuation and spacing ignored) merge first; the first MaxCandidatesPerList remain.
    private static List<T> Shortlist<T>(List<T> candidates)
        where T : Candidate
    {
        var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var candidate in candidates)
        {
            var key = Key(candidate.Text);
            if (byKey.TryGetValue(key, out var kept))
            {
                byKey[key] = (T)kept.Merge(candidate);
            }
            else if (order.Count < MaxCandidatesPerList)
            {
                byKey[key] = candidate;
                order.Add(key);
            }
        }

        return order.Select(k => byKey[k]).ToList();
    }

    private static List<Candidate> Deduplicate(IReadOnlyList<Candidate> candidates, Dictionary<string, float[]> vectors) =>
        DeduplicateCore(candidates, vectors);

    private static List<ActionCandidate> DeduplicateActions(IReadOnlyList<ActionCandidate> candidates, Dictionary<string, float[]> vectors) =>
        DeduplicateCore(candidates, vectors);

    // Near-duplicates merge into the earlier item: cosine above 0.9 with embeddings, else 80 % shared content words.
    private static List<T> DeduplicateCore<T>(IReadOnlyList<T> candidates, Dictionary<string, float[]> vectors)
        where T : Candidate
    {
        var kept = new List<T>();
        foreach (var candidate in candidates)
        {
            var index = kept.FindIndex(k => SameItem(k.Text, candidate.Text, vectors));
            if (index >= 0)
            {
                kept[index] = (T)kept[index].Merge(candidate);
            }
            else
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    private static bool SameItem(string a, string b, Dictionary<string, float[]> vectors)
    {
        var overlap = Overlap(a, b);
        if (overlap < MinOverlapForDuplicate)
        {
            return false;
        }

        return vectors.TryGetValue(a, out var va) && vectors.TryGetValue(b, out var vb)
            ? EmbeddingMath.Cosine(va, vb) > DuplicateSimilarity
            : overlap >= 0.8;
    }

    private static double Overlap(string a, string b)
    {
        var wa = TextWords.ContentStems(a);
        var wb = TextWords.ContentStems(b);
        if (wa.Count == 0 || wb.Count == 0)
        {
            return 0;
        }

        return wa.Intersect(wb).Count() / (double)wa.Union(wb).Count();
    }

    private static IEnumerable<string> CloseTexts<T>(IReadOnlyList<T> candidates)
        where T : Candidate
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            for (var j = i + 1; j < candidates.Count; j++)
            {
                if (Overlap(candidates[i].Text, candidates[j].Text) >= MinOverlapForDuplicate)
                {
                    yield return candidates[i].Text;
                    yield return candidates[j].Text;
                }
            }
        }
    }

    private static ExtractedItem ToItem(Candidate c) => new(c.Text, c.Evidence.ToList());

    private static string Narrative(
        ParticipantAnalysisRequest request, Participation participation, List<ExtractedItem> wins, List<ExtractedItem> challenges,
        List<ExtractedActionItem> actions, ParticipantSignals signals)
    {
        var name = request.ParticipantName;
        var sessionKind = string.IsNullOrWhiteSpace(request.SessionType) ? "session" : request.SessionType + " session";
        var text = new StringBuilder();
        if (participation.Turns == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} did not speak in this {sessionKind}.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{name} spoke in {participation.Turns} of {participation.AllTurns} turns ({participation.WordShare:P0} of the words) in this {sessionKind}.");
        }

        var flags = new List<string>();
        if (signals.Urgent)
        {
            flags.Add("an urgent concern to follow up");
        }

        if (signals.Breakthrough)
        {
            flags.Add("a breakthrough");
        }

        if (signals.Confused)
        {
            flags.Add("some confusion to clear up");
        }

        if (flags.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" The transcript shows {Join(flags)}.");
        }

        if (wins.Count + challenges.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $" They reported {Count(wins.Count, "win")} and {Count(challenges.Count, "challenge")}.");
        }

        if (actions.Count > 0)
        {
            var earliest = actions.Where(a => a.Due is not null).Select(a => a.Due!.Value).DefaultIfEmpty().Min();
            text.Append(CultureInfo.InvariantCulture, $" They have {Count(actions.Count, "action item")}");
            text.Append(earliest == default
                ? "."
                : string.Create(CultureInfo.InvariantCulture, $", the first due {earliest:d MMMM yyyy}."));
        }

        return text.ToString();
    }

    private static List<string> Bullets(
        List<ExtractedItem> wins, List<ExtractedItem> challenges, List<ExtractedActionItem> actions,
        List<ExtractedItem> recommendations, ParticipantSignals signals)
    {
        var bullets = new List<string>();
        if (wins.Count > 0)
        {
            bullets.Add("Wins: " + string.Join("; ", wins.Select(w => Short(w.Text))));
        }

        if (challenges.Count > 0)
        {
            bullets.Add("Challenges: " + string.Join("; ", challenges.Select(c => Short(c.Text))));
        }

        if (actions.Count > 0)
        {
            bullets.Add("Action items: " + string.Join("; ", actions.Select(a => a.Due is { } due
                ? string.Create(CultureInfo.InvariantCulture, $"{Short(a.Text)} (due {due:yyyy-MM-dd})")
                : Short(a.Text))));
        }

        if (recommendations.Count > 0)
        {
            bullets.Add("Recommendations: " + string.Join("; ", recommendations.Select(r => Short(r.Text))));
        }

        var flags = new[] { (signals.Urgent, "urgent"), (signals.Breakthrough, "breakthrough"), (signals.Confused, "confused") }
            .Where(f => f.Item1).Select(f => f.Item2).ToList();
        if (flags.Count > 0)
        {
            bullets.Add("Signals: " + string.Join(", ", flags));
        }

        return bullets;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{n} {noun}s");

    private static string Join(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];

    private static string Short(string text) => text.Length <= 90 ? text.TrimEnd('.') : text[..text.LastIndexOf(' ', 88)].TrimEnd(',', ';') + "\u2026";

    /// <summary>Trims filler openers ("So,", "Honestly,"), collapses spaces, caps the length at a word boundary.</summary>
    internal static string Clean(string sentence)
    {
        var text = Filler().Replace(sentence.Trim(), string.Empty).Trim();
        if (text.Length > MaxItemLength)
        {
            var cut = text.LastIndexOf(' ', MaxItemLength - 1);
            text = text[..(cut > 0 ? cut : MaxItemLength)].TrimEnd(',', ';', ':') + "\u2026";
        }

        return Capitalise(text);
    }

    private static string Capitalise(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));

    private static string Key(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    [GeneratedRegex(@"^(?:(?:so|and|but|well|honestly|okay|ok|yes|yeah|oh|um|uh|also|then|anyway|actually|sure|right|i\s+mean|to\s+be\s+honest)\b[,.!]?\s*)+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Filler();

    [GeneratedRegex(@",\s+and\s+|;\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\baction\s+item\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ActionItemLabel();

    [GeneratedRegex(@"^(?:(?:so|and|now|okay|ok|then),?\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|I(?:'d|\u2019d|\s+would)\s+like\s+you\s+to\s+|I\s+want\s+you\s+to\s+|please\s+|you(?:'ll|\s+will)\s+need\s+to\s+|I'm\s+asking\s+you\s+to\s+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AssignmentLead();

    [GeneratedRegex(@"\b(?:what\s+if\s+you|(?:would|might|could)\s+it\s+help\s+to|how\s+about\s+\w+ing|could\s+you\s+try|would\s+you\s+(?:try|consider))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhatIf();

    /// <summary>A candidate item: text and evidence turns; merging keeps the first text and unions the evidence.</summary>
    private record Candidate(string Text, IReadOnlyCollection<int> Evidence)
    {
        public int? RespondsTo { get; init; }

        public virtual Candidate Merge(Candidate other) =>
            this with { Evidence = new SortedSet<int>(Evidence.Concat(other.Evidence)) };
    }

    private sealed record ActionCandidate(string Text, DateOnly? Due, IReadOnlyCollection<int> Evidence) : Candidate(Text, Evidence)
    {
        public override Candidate Merge(Candidate other) =>
            this with
            {
                Evidence = new SortedSet<int>(Evidence.Concat(other.Evidence)),
                Due = Due ?? (other as ActionCandidate)?.Due,
            };
    }

    /// <summary>Who is who in the transcript, and which coach sentences speak to this participant.</summary>
    private sealed class Context
    {
        private readonly HashSet<string> _participant;
        private readonly HashSet<string> _coach;
        private readonly ParticipantAnalysisRequest _request;
        private readonly string[] _participantNames;
        private readonly string[] _otherNames;
        private readonly bool _oneOnOne;

        public Context(ParticipantAnalysisRequest request)
        {
            _request = request;
            _participant = new HashSet<string>(request.ParticipantLabels, StringComparer.OrdinalIgnoreCase);
            _coach = new HashSet<string>(request.CoachLabels, StringComparer.OrdinalIgnoreCase);
            _participantNames = NamesOf(request).ToArray();
            var others = request.Turns.Select(t => t.Speaker)
                .Where(s => !_participant.Contains(s) && !_coach.Contains(s))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            _oneOnOne = others.Count == 0;
            _otherNames = others
                .SelectMany(n => new[] { n, n.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? n })
                .Where(n => n.Length >= 2 && !_participantNames.Contains(n, StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        }

        public bool IsParticipant(string speaker) => _participant.Contains(speaker);

        public bool IsCoach(string speaker) => _coach.Contains(speaker);

        /// <summary>
        /// A coach sentence speaks to the participant in a one-on-one; in a group, when it names them, or when an earlier
        /// sentence of the turn named them, or when nobody is named yet and the participant spoke just before.
        /// </summary>
        public IEnumerable<TurnSentence> AddressedSentences(TranscriptTurn turn)
        {
            var sentences = SentenceSplitter.Split(turn.Index, turn.Text);
            if (_oneOnOne)
            {
                foreach (var s in sentences)
                {
                    yield return s;
                }

                yield break;
            }

            var previous = turn.Index > 0 && turn.Index - 1 < _request.Turns.Count ? _request.Turns[turn.Index - 1] : null;
            var addressed = previous is not null && previous.Index == turn.Index - 1 && IsParticipant(previous.Speaker);
            foreach (var s in sentences)
            {
                if (Mentions(s.Text, _participantNames))
                {
                    addressed = true;
                }
                else if (Mentions(s.Text, _otherNames))
                {
                    addressed = false;
                }

                if (addressed)
                {
                    yield return s;
                }
            }
        }

        private static bool IsVocativeEnd(char c) => c is ',' or '.' or '?' or '!' or ';' or ':' or '\u2014' or '-';

        private static bool Mentions(string text, string[] names)
        {
            foreach (var name in names)
            {
                var at = text.IndexOf(name, StringComparison.Ordinal);
                while (at >= 0)
                {
                    var end = at + name.Length;
                    // Only a vocative switches the addressee ("Chen, ...", "..., Priya."): "like Maria's shoes" does not.
                    if ((at == 0 || !char.IsLetter(text[at - 1])) && (end == text.Length || IsVocativeEnd(text[end])))
                    {
                        return true;
                    }

                    at = text.IndexOf(name, end, StringComparison.Ordinal);
                }
            }

            return false;
        }
    }

    /// <summary>How much the participant spoke: their turns and their share of all words.</summary>
    private sealed record Participation(int Turns, int AllTurns, double WordShare)
    {
        public static Participation Of(ParticipantAnalysisRequest request, Context context)
        {
            var words = 0;
            var all = 0;
            var turns = 0;
            foreach (var turn in request.Turns)
            {
                var n = WordCount(turn.Text);
                all += n;
                if (context.IsParticipant(turn.Speaker))
                {
                    words += n;
                    turns++;
                }
            }

            return new Participation(turns, request.Turns.Count, all == 0 ? 0 : words / (double)all);
        }
    }
}
