using BetterHarness.Ingest.Domain.Normalization.Conventions;
using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>Runs every convention over one span, then the attributes no convention owns.</summary>
public sealed class SpanReader(IReadOnlyList<ISpanConvention> conventions)
{
    /// <summary>GenAI first: it is the standard, so where conventions overlap its reading wins.</summary>
    public static IReadOnlyList<ISpanConvention> DefaultConventions { get; } =
        [new GenAiConvention(), new OpenInferenceConvention(), new LangSmithConvention(), new OpenLlmetryConvention()];

    public SpanFacts Read(RawSpan span)
    {
        var facts = new SpanFacts(span);
        foreach (var convention in conventions)
            if (convention.Read(facts)) facts.Conventions.Add(convention.Name);

        var a = facts.Attributes;
        facts.ConversationId ??= a.String("session.id");
        facts.UserId ??= a.String("user.id", "enduser.id");
        facts.ErrorType ??= a.String("error.type");
        facts.Kind ??= SpanKinds.Other;

        if (facts.Kind == SpanKinds.Llm)
        {
            // On an LLM span the message events are that call's prompt and choices.
            facts.AddInputsIfNone(facts.EventInputs);
            facts.AddOutputsIfNone(facts.EventOutputs);
            facts.EventInputs.Clear();
            facts.EventOutputs.Clear();
        }
        return facts;
    }
}
