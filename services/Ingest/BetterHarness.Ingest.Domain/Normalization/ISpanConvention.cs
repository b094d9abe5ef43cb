namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>One LLM span convention (OTel GenAI, OpenInference, OpenLLMetry, LangSmith).</summary>
public interface ISpanConvention
{
    /// <summary>Short name recorded in <see cref="Traces.NormalizedTrace.Conventions"/>.</summary>
    string Name { get; }

    /// <summary>Reads what this convention knows from the span into <paramref name="facts"/>;
    /// returns false when the span carries none of the convention's markers.</summary>
    bool Read(SpanFacts facts);
}
