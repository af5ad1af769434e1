using System.ComponentModel;

namespace CoachingPlatform.Core.Analysis.Prompts;

// The JSON schema the model must answer with (structured output). Part of the prompt version: a change to these
// shapes or descriptions is a new ParticipantSummaryPrompt.Version. The descriptions end up in the schema the
// model sees, so they repeat the rules that matter most where the model reads them.

[Description("One participant's summary. Every item cites the transcript turn indexes it comes from.")]
internal sealed record ParticipantSummaryOutput(
    [property: Description("Two to four sentences, third person, grounded in the transcript.")] string Narrative,
    [property: Description("Three to six short summary points.")] IReadOnlyList<string> Bullets,
    IReadOnlyList<EvidencedItemOutput> Wins,
    IReadOnlyList<EvidencedItemOutput> Challenges,
    IReadOnlyList<ActionItemOutput> ActionItems,
    IReadOnlyList<EvidencedItemOutput> Recommendations,
    SignalOutput Breakthrough,
    SignalOutput Urgent,
    SignalOutput Confused);

internal sealed record EvidencedItemOutput(
    string Text,
    [property: Description("Indexes of the transcript turns this item comes from (the [n] prefixes); at least one.")] IReadOnlyList<int> Evidence);

internal sealed record ActionItemOutput(
    string Text,
    [property: Description("Who does it; the participant's name unless someone else is named.")] string? Owner,
    [property: Description("ISO date yyyy-MM-dd when a deadline is stated, else null.")] string? Due,
    [property: Description("Indexes of the transcript turns this item comes from; at least one.")] IReadOnlyList<int> Evidence);

internal sealed record SignalOutput(
    bool Present,
    [property: Description("Turn indexes that show the signal; empty when not present.")] IReadOnlyList<int> Evidence);
