namespace BetterHarness.Mining.Domain.Labels;

/// <summary>
/// Whether a user turn corrects the agent reply before it, as someone said: a person (on the trace page, through the API,
/// or by a review verdict on a correction candidate) or the model judge. A person's label always wins over the judge's.
/// </summary>
/// <param name="Source"><see cref="LabelSources"/>: <c>person</c> or <c>judge</c>.</param>
/// <param name="Origin">Where it came from: <c>trace</c> (marked on a trace / the API), <c>review-accept</c>, <c>review-reject</c>, or the judge's model.</param>
/// <param name="Actor">Who: the account or key name, or the judge's model name.</param>
public sealed record CorrectionLabel(
    string Agent, string TraceId, int UserTurn, bool IsCorrection, string Source, string Origin, string Actor, string Role,
    string? ConversationId, string? SpanId, string Assistant, string User, DateTimeOffset LabelledAt);

public static class LabelSources
{
    public const string Person = "person";
    public const string Judge = "judge";
}

public static class LabelOrigins
{
    public const string Trace = "trace";
    public const string ReviewAccept = "review-accept";
    public const string ReviewReject = "review-reject";
}
