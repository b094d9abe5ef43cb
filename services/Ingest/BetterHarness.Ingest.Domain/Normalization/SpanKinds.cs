namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>The span kinds of <see cref="Traces.NormalizedSpan.Kind"/>.</summary>
public static class SpanKinds
{
    public const string Llm = "llm";
    public const string Tool = "tool";
    public const string Agent = "agent";
    public const string Chain = "chain";
    public const string Evaluator = "evaluator";
    public const string Other = "other";
}
