using CoachingPlatform.Core.Transcripts;

namespace CoachingPlatform.Core.Participants;

/// <summary>
/// Groups a transcript's speaker labels into people and recognises the coach. Rules and weights: docs/participants.md.
/// </summary>
public static class SpeakerResolver
{
    /// <summary>Weight of the speaker's share of all questions asked.</summary>
    public const double QuestionWeight = 0.40;

    /// <summary>Weight of the speaker's share of all turns.</summary>
    public const double TurnWeight = 0.20;

    /// <summary>Weight of the speaker's share of the changes of speaker (taking the floor back).</summary>
    public const double FloorWeight = 0.15;

    /// <summary>Weight of opening the transcript.</summary>
    public const double FirstWeight = 0.15;

    /// <summary>Weight of closing the transcript.</summary>
    public const double LastWeight = 0.10;

    /// <summary>How far the top score must be ahead of the second for the inference to name a coach.</summary>
    public const double InferenceMargin = 0.02;

    /// <summary>Merges the labels of <paramref name="turns"/> into people and finds the coach.</summary>
    public static ResolvedSpeakers Resolve(IReadOnlyList<TranscriptTurn> turns, ResolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(turns);
        options ??= ResolveOptions.None;

        var groups = GroupByKey(turns);
        MergeSameFirstAndLast(groups);
        MergeSingleTokens(groups, VirtualPeople(groups, options));

        var ordered = groups.Where(g => !g.MergedAway).OrderBy(g => g.FirstPosition).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Id = i;
        }

        var speakers = ordered.Select(ToSpeaker).ToList();
        var scores = speakers.Count >= 2 ? Score(turns, ordered) : [];
        var (coachId, inference) = FindCoach(ordered, scores, options);
        if (coachId is { } id)
        {
            speakers[id] = speakers[id] with { IsCoach = true, Ambiguous = false, AmbiguousWith = [] };
        }

        return new ResolvedSpeakers(speakers, inference, scores);
    }

    private static List<Group> GroupByKey(IReadOnlyList<TranscriptTurn> turns)
    {
        var byLabel = new Dictionary<string, Group>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, Group>(StringComparer.Ordinal);
        var groups = new List<Group>();
        for (var position = 0; position < turns.Count; position++)
        {
            var turn = turns[position];
            var label = turn.Speaker;
            if (!byLabel.TryGetValue(label, out var group))
            {
                var name = SpeakerName.Parse(label);
                if (!byKey.TryGetValue(name.Key, out group))
                {
                    group = new Group(name, position);
                    byKey[name.Key] = group;
                    groups.Add(group);
                }

                group.Labels.Add(label);
                group.Names.Add(name);
                byLabel[label] = group;
            }

            group.TurnIndexes.Add(turn.Index);
        }

        return groups;
    }

    // "Anna Lee" and "Anna Marie Lee" are one person, unless two different middle names say there are two.
    private static void MergeSameFirstAndLast(List<Group> groups)
    {
        var sets = groups
            .Where(g => g.Primary.Tokens.Count >= 2)
            .GroupBy(g => (g.Primary.FirstName, g.Primary.LastName))
            .Where(s => s.Count() > 1 && s.Count(g => g.Primary.Tokens.Count > 2) <= 1);
        foreach (var set in sets)
        {
            var members = set.OrderByDescending(g => g.Primary.Tokens.Count).ThenBy(g => g.FirstPosition).ToList();
            foreach (var other in members.Skip(1))
            {
                members[0].Absorb(other);
            }
        }
    }

    // The uploader and hinted attendees who are not (yet) a multi-token speaker still count as people a lone first name could be.
    private static List<SpeakerName> VirtualPeople(List<Group> groups, ResolveOptions options)
    {
        var fullNames = groups.Where(g => !g.MergedAway && g.Primary.Tokens.Count >= 2).SelectMany(g => g.Names).ToList();
        return new[] { options.UploaderName }
            .Concat(options.ParticipantHints ?? [])
            .Select(SpeakerName.Parse)
            .Where(n => n.Tokens.Count >= 2 && !fullNames.Exists(f => NameRules.Compare(f, n) >= NameMatch.FirstLast))
            .DistinctBy(n => n.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static void MergeSingleTokens(List<Group> groups, List<SpeakerName> virtualPeople)
    {
        var people = groups.Where(g => !g.MergedAway && g.Primary.Tokens.Count >= 2).ToList();
        foreach (var single in groups.Where(g => !g.MergedAway && g.Primary.IsSingleToken).ToList())
        {
            var token = single.Primary.Tokens[0];
            var real = people.Where(p => NameRules.HasToken(p.Primary, token)).ToList();
            var others = virtualPeople.Count(v => NameRules.HasToken(v, token));
            if (real.Count == 1 && others == 0)
            {
                real[0].Absorb(single);
            }
            else if (real.Count + others >= 2)
            {
                single.Ambiguous = true;
                single.AmbiguousWith.AddRange(real);
            }
        }
    }

    private static ResolvedSpeaker ToSpeaker(Group group)
    {
        var display = group.Names
            .Select((name, order) => (name, order))
            .OrderByDescending(n => n.name.Tokens.Count)
            .ThenByDescending(n => HasMixedCase(n.name.PersonName))
            .ThenByDescending(n => n.name.PersonName.Length)
            .ThenBy(n => n.order)
            .First().name;
        var aliases = group.Names
            .Select(n => n.PersonName)
            .Where(n => !string.Equals(n, display.PersonName, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new ResolvedSpeaker(
            group.Id,
            display.PersonName,
            display.Key,
            [.. group.Labels],
            aliases,
            [.. group.TurnIndexes.Order()])
        {
            Ambiguous = group.Ambiguous,
            AmbiguousWith = [.. group.AmbiguousWith.Where(g => !g.MergedAway).Select(g => g.Id).Distinct().Order()],
        };
    }

    // "Anna Lee" reads better than "ANNA LEE" or "anna lee" when both were written.
    private static bool HasMixedCase(string value) => value.Any(char.IsUpper) && value.Any(char.IsLower);

    private static (int? CoachId, CoachInference Inference) FindCoach(List<Group> groups, List<CoachScore> scores, ResolveOptions options)
    {
        if (FindByName(groups, options.CoachSpeaker) is { } explicitCoach)
        {
            return (explicitCoach.Id, CoachInference.Explicit);
        }

        if (FindByName(groups, options.UploaderName) is { } uploader)
        {
            return (uploader.Id, CoachInference.UploaderName);
        }

        return scores.Count >= 2 && scores[0].Score - scores[1].Score >= InferenceMargin
            ? (scores[0].SpeakerId, CoachInference.Inferred)
            : (null, CoachInference.None);
    }

    // The coach's name matches a speaker when one of the speaker's labels has the same key, or else when the speaker's
    // most complete name has the same first and last name, or is that name's unique first (or last) name alone.
    private static Group? FindByName(List<Group> groups, string? name)
    {
        var target = SpeakerName.Parse(name);
        if (target.IsEmpty)
        {
            return null;
        }

        return NameRules.FindUnique(groups, g =>
            g.Names.Exists(n => NameRules.Compare(n, target) == NameMatch.Exact)
                ? NameMatch.Exact
                : NameRules.Compare(g.BestName, target));
    }

    private static List<CoachScore> Score(IReadOnlyList<TranscriptTurn> turns, List<Group> groups)
    {
        var idOfLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var label in group.Labels)
            {
                idOfLabel[label] = group.Id;
            }
        }

        var questions = new double[groups.Count];
        var runs = new double[groups.Count];
        var takes = new double[groups.Count];
        int? previous = null;
        foreach (var turn in turns)
        {
            var id = idOfLabel[turn.Speaker];
            questions[id] += TextMetrics.CountQuestions(turn.Text);
            if (previous != id)
            {
                runs[id]++;
                if (previous is not null)
                {
                    takes[id]++;
                }
            }

            previous = id;
        }

        var first = idOfLabel[turns[0].Speaker];
        var last = idOfLabel[turns[^1].Speaker];
        var totalQuestions = questions.Sum();
        var totalRuns = runs.Sum();
        var totalTakes = takes.Sum();
        return groups
            .Select(g =>
            {
                var questionShare = Share(questions[g.Id], totalQuestions);
                var turnShare = Share(runs[g.Id], totalRuns);
                var floorShare = Share(takes[g.Id], totalTakes);
                var score = (QuestionWeight * questionShare) + (TurnWeight * turnShare) + (FloorWeight * floorShare)
                    + (g.Id == first ? FirstWeight : 0) + (g.Id == last ? LastWeight : 0);
                return new CoachScore(g.Id, score, questionShare, turnShare, floorShare, g.Id == first, g.Id == last);
            })
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.SpeakerId)
            .ToList();
    }

    private static double Share(double part, double total) => total > 0 ? part / total : 0;

    private sealed class Group(SpeakerName primary, int firstPosition)
    {
        public SpeakerName Primary { get; } = primary;
        public int FirstPosition { get; private set; } = firstPosition;
        public List<string> Labels { get; } = [];
        public List<SpeakerName> Names { get; } = [];
        public List<int> TurnIndexes { get; } = [];
        public bool MergedAway { get; private set; }
        public bool Ambiguous { get; set; }
        public List<Group> AmbiguousWith { get; } = [];
        public int Id { get; set; } = -1;

        public SpeakerName BestName => Names.MaxBy(n => n.Tokens.Count)!;

        public void Absorb(Group other)
        {
            Labels.AddRange(other.Labels);
            Names.AddRange(other.Names);
            TurnIndexes.AddRange(other.TurnIndexes);
            FirstPosition = Math.Min(FirstPosition, other.FirstPosition);
            other.MergedAway = true;
        }
    }
}
