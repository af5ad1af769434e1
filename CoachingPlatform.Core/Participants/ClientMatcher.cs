namespace CoachingPlatform.Core.Participants;

/// <summary>An existing client of the organisation, as the matcher needs it.</summary>
/// <param name="Id">The client's id.</param>
/// <param name="Name">The client's name as stored.</param>
/// <param name="Aliases">Other names the client has been written as (stored on the client for speaker matching).</param>
public sealed record KnownClient(Guid Id, string Name, IReadOnlyList<string> Aliases);

/// <summary>Which rule matched a participant to a client, or why none did.</summary>
public enum ClientMatchRule
{
    /// <summary>No client matched: create one.</summary>
    NewClient,

    /// <summary>Same key as the client's name.</summary>
    Name,

    /// <summary>Same key as one of the client's aliases.</summary>
    Alias,

    /// <summary>Same first and last name (middle names differ or are missing).</summary>
    FirstAndLastName,

    /// <summary>A lone first name that exactly one client has (or the client's lone name is this participant's first name).</summary>
    UniqueFirstName,

    /// <summary>A lone last name that exactly one client has (or the client's lone name is this participant's last name).</summary>
    UniqueLastName,

    /// <summary>
    /// Could be more than one client, or the speaker is an ambiguous lone name: never auto-matched. <see cref="ParticipantMatch.ClientId"/>
    /// is null (the pipeline creates a client unless the coach picks one of <see cref="ParticipantMatch.CandidateClientIds"/>).
    /// </summary>
    Ambiguous,
}

/// <summary>A participant (speaker or silent hinted attendee) and the client it is, or null for a new client.</summary>
/// <param name="Speaker">The speaker; for a silent participant a speaker with no turns.</param>
/// <param name="Name">The participant's name: the hint's fuller name when a hint completed a lone first name, else the speaker's display name.</param>
/// <param name="ClientId">The matched client, or null to create one.</param>
/// <param name="Rule">The rule that matched, <see cref="ClientMatchRule.NewClient"/> or <see cref="ClientMatchRule.Ambiguous"/>.</param>
public sealed record ParticipantMatch(ResolvedSpeaker Speaker, string Name, Guid? ClientId, ClientMatchRule Rule)
{
    /// <summary>The participant hint that named this participant, if any.</summary>
    public string? Hint { get; init; }

    /// <summary>For <see cref="ClientMatchRule.Ambiguous"/>, the clients it could be.</summary>
    public IReadOnlyList<Guid> CandidateClientIds { get; init; } = [];

    /// <summary>True for a hinted participant who never spoke.</summary>
    public bool IsSilent => Speaker.IsSilent;
}

/// <summary>The session's client participants: the non-coach speakers in order, then silent hinted attendees.</summary>
/// <param name="Participants">One entry per participant.</param>
public sealed record ClientMatchResult(IReadOnlyList<ParticipantMatch> Participants)
{
    /// <summary>The speakers of the silent participants, to pass to <see cref="ParticipationCalculator"/>.</summary>
    public IReadOnlyList<ResolvedSpeaker> SilentSpeakers => [.. Participants.Where(p => p.IsSilent).Select(p => p.Speaker)];
}

/// <summary>
/// Matches participants to the organisation's clients by normalised name and aliases, applying the coach's participant hints.
/// Rules: docs/participants.md.
/// </summary>
public static class ClientMatcher
{
    private static readonly char[] HintSeparators = [',', ';', '\n', '\r'];

    /// <summary>Splits the <c>participants</c> form field ("Maria Lopez, Sam Patel") into names; commas, semicolons or lines separate.</summary>
    public static IReadOnlyList<string> ParseHints(string? participants) =>
        string.IsNullOrWhiteSpace(participants)
            ? []
            : participants.Split(HintSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Matches every non-coach speaker of <paramref name="participants"/> (pass <see cref="ResolvedSpeakers.Speakers"/>; the coach is
    /// skipped) to a client, and returns the hinted attendees who never spoke as silent participants.
    /// </summary>
    public static ClientMatchResult Match(
        IReadOnlyList<ResolvedSpeaker> participants,
        IReadOnlyList<KnownClient> clients,
        IReadOnlyList<string> participantHints)
    {
        ArgumentNullException.ThrowIfNull(participants);
        clients ??= [];
        participantHints ??= [];

        var people = participants.Select(s => new Person(s)).ToList();
        var hints = participantHints
            .Select(h => (Text: h, Name: SpeakerName.Parse(h)))
            .Where(h => !h.Name.IsEmpty)
            .DistinctBy(h => h.Name.Key, StringComparer.Ordinal)
            .ToList();
        var unused = ApplyHints(people, hints);

        var nextId = participants.Count == 0 ? 0 : participants.Max(s => s.Id) + 1;
        foreach (var (text, name) in unused)
        {
            var silent = new ResolvedSpeaker(nextId++, name.PersonName, name.Key, [], [], []);
            people.Add(new Person(silent) { Hint = text, HintName = name });
        }

        var entries = clients
            .SelectMany(c => new[] { (Client: c, Name: SpeakerName.Parse(c.Name), IsAlias: false) }
                .Concat((c.Aliases ?? []).Select(a => (Client: c, Name: SpeakerName.Parse(a), IsAlias: true))))
            .Where(e => !e.Name.IsEmpty)
            .Select(e => new ClientEntry(e.Client.Id, e.Name, e.IsAlias))
            .ToList();
        var clientPeople = people.Where(p => !p.Speaker.IsCoach).ToList();
        var matches = clientPeople.Select(p => MatchClient(p, people, entries)).ToList();
        return new ClientMatchResult(ResolveConflicts(matches));
    }

    // Exact and first+last hints first (they also consume the coach's own name), then lone names paired one-to-one.
    private static List<(string Text, SpeakerName Name)> ApplyHints(List<Person> people, List<(string Text, SpeakerName Name)> hints)
    {
        var unused = new List<(string Text, SpeakerName Name)>();
        foreach (var hint in hints)
        {
            var person = NameRules.FindUnique(people.Where(p => p.HintName is null), p =>
                p.Names.Exists(n => NameRules.Compare(n, hint.Name) == NameMatch.Exact)
                    ? NameMatch.Exact
                    : NameRules.Compare(p.Primary, hint.Name) == NameMatch.FirstLast ? NameMatch.FirstLast : NameMatch.None);
            if (person is null)
            {
                unused.Add(hint);
                continue;
            }

            person.Hint = hint.Text;
            person.HintName = hint.Name;
        }

        var pairs = (from person in people
                     where person.HintName is null
                     from hint in unused
                     where NameRules.Compare(person.Primary, hint.Name) == NameMatch.Token
                     select (person, hint)).ToList();
        foreach (var (person, hint) in pairs)
        {
            var onlyHintForPerson = pairs.Count(p => p.person == person) == 1;
            var onlyPersonForHint = pairs.Count(p => p.hint.Name.Key == hint.Name.Key) == 1;
            if (onlyHintForPerson && onlyPersonForHint)
            {
                person.Hint = hint.Text;
                person.HintName = hint.Name;
                unused.Remove(hint);
            }
        }

        return unused;
    }

    private static ParticipantMatch MatchClient(Person person, List<Person> everyone, List<ClientEntry> entries)
    {
        var primary = person.Primary;
        var name = person.HintName is { } h && h.Tokens.Count > person.Speaker.Name.Tokens.Count ? h.PersonName : person.Speaker.DisplayName;
        ParticipantMatch Result(ClientMatchRule rule, IEnumerable<ClientEntry> found)
        {
            var ids = found.Select(e => e.ClientId).Distinct().ToList();
            return ids.Count == 1
                ? new ParticipantMatch(person.Speaker, name, ids[0], rule) { Hint = person.Hint }
                : new ParticipantMatch(person.Speaker, name, null, ClientMatchRule.Ambiguous) { Hint = person.Hint, CandidateClientIds = ids };
        }

        // A lone name several people share is never matched, not even to a client known by that lone name; only a hint completes it.
        if (person.Speaker.Ambiguous && primary.IsSingleToken)
        {
            var candidates = entries.Where(e => NameRules.Compare(e.Name, primary) != NameMatch.None).ToList();
            return new ParticipantMatch(person.Speaker, name, null, ClientMatchRule.Ambiguous)
            {
                Hint = person.Hint,
                CandidateClientIds = [.. candidates.Select(e => e.ClientId).Distinct()],
            };
        }

        // Only the person's most complete names: a lone "Lee" merged into "Anna Lee" must not match a client called just "Lee".
        var completeKeys = person.Names
            .Append(primary)
            .Where(n => n.Tokens.Count == primary.Tokens.Count)
            .Select(n => n.Key)
            .ToHashSet(StringComparer.Ordinal);
        var exact = entries.Where(e => completeKeys.Contains(e.Name.Key)).ToList();
        if (exact.Count > 0)
        {
            return Result(exact.TrueForAll(e => e.IsAlias) ? ClientMatchRule.Alias : ClientMatchRule.Name, exact);
        }

        var firstLast = entries.Where(e => NameRules.Compare(e.Name, primary) == NameMatch.FirstLast).ToList();
        if (firstLast.Count > 0)
        {
            return Result(ClientMatchRule.FirstAndLastName, firstLast);
        }

        var token = entries.Where(e => NameRules.Compare(e.Name, primary) == NameMatch.Token).ToList();
        if (!primary.IsSingleToken)
        {
            // The client is known by one name only: it must be this participant's and no other participant's first or last name.
            token = token.Where(e => !everyone.Exists(o => o != person && NameRules.HasToken(o.Primary, e.Name.Tokens[0]))).ToList();
        }

        if (token.Count == 0)
        {
            return new ParticipantMatch(person.Speaker, name, null, ClientMatchRule.NewClient) { Hint = person.Hint };
        }

        var lone = primary.IsSingleToken ? primary.Tokens[0] : token[0].Name.Tokens[0];
        var full = primary.IsSingleToken ? token[0].Name : primary;
        var rule = string.Equals(full.FirstName, lone, StringComparison.Ordinal) ? ClientMatchRule.UniqueFirstName : ClientMatchRule.UniqueLastName;
        return Result(rule, token);
    }

    // Two participants claiming one client: the stronger rule keeps it; equal claims are both ambiguous.
    private static List<ParticipantMatch> ResolveConflicts(List<ParticipantMatch> matches)
    {
        var result = matches.ToList();
        foreach (var claim in matches.Where(m => m.ClientId is not null).GroupBy(m => m.ClientId!.Value).Where(g => g.Count() > 1))
        {
            var strongest = claim.Max(m => Strength(m.Rule));
            var winners = claim.Where(m => Strength(m.Rule) == strongest).ToList();
            foreach (var loser in claim.Where(m => winners.Count > 1 || !winners.Contains(m)))
            {
                result[result.IndexOf(loser)] = loser with { ClientId = null, Rule = ClientMatchRule.Ambiguous, CandidateClientIds = [claim.Key] };
            }
        }

        return result;
    }

    private static int Strength(ClientMatchRule rule) => rule switch
    {
        ClientMatchRule.Name => 4,
        ClientMatchRule.Alias => 3,
        ClientMatchRule.FirstAndLastName => 2,
        ClientMatchRule.UniqueFirstName or ClientMatchRule.UniqueLastName => 1,
        _ => 0,
    };

    private sealed record ClientEntry(Guid ClientId, SpeakerName Name, bool IsAlias);

    private sealed class Person(ResolvedSpeaker speaker)
    {
        public ResolvedSpeaker Speaker { get; } = speaker;
        public List<SpeakerName> Names { get; } = [.. speaker.Labels.Select(SpeakerName.Parse), speaker.Name];
        public string? Hint { get; set; }
        public SpeakerName? HintName { get; set; }

        /// <summary>The name to match clients with: a hint that completes a lone name wins over the label.</summary>
        public SpeakerName Primary =>
            HintName is { } hint && hint.Tokens.Count > Speaker.Name.Tokens.Count ? hint : Speaker.Name;
    }
}
