namespace BetterHarness.Mining.Domain.Labels;

/// <summary>
/// Whether a user turn corrects the agent reply before it, as someone said: a person (on the trace page, through the API,
/// or by a review verdict on a correction candidate) or the model judge. A person's label always wins over the judge's.
/// </summary>
/// <param name="Source"><see cref="LabelSources"/>: <c>person</c>, <c>review</c> or <c>judge</c>.</param>
/// <param name="Origin">Where it came from: <c>trace</c> (marked on a trace / the API), <c>review-accept</c>, <c>review-reject</c>, or the judge's model.</param>
/// <param name="Actor">Who: the account or key name, or the judge's model name.</param>
public sealed record CorrectionLabel(
    string Agent, string TraceId, int UserTurn, bool IsCorrection, string Source, string Origin, string Actor, string Role,
    string? ConversationId, string? SpanId, string Assistant, string User, DateTimeOffset LabelledAt);

/// <summary>
/// Who gave a label, in order of precedence: a person marking the turn (trace page, API) beats a review verdict on the
/// turn's candidate, which beats the model judge. Person and review labels are people's and count as the agent's labels.
/// </summary>
public static class LabelSources
{
    public const string Person = "person";
    public const string Review = "review";
    public const string Judge = "judge";

    public static bool IsHuman(string source) => source is Person or Review;

    /// <summary>0 wins: person, then review, then judge.</summary>
    public static int Rank(string source) => source switch { Person => 0, Review => 1, _ => 2 };
}

public static class LabelOrigins
{
    public const string Trace = "trace";
    public const string ReviewAccept = "review-accept";
    public const string ReviewReject = "review-reject";
}
