using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>Every recorded <c>exception</c> event, wherever it happened.</summary>
public sealed class ExceptionRule : ISignalRule
{
    public IEnumerable<Signal> Detect(NormalizedTrace trace) =>
        trace.Errors
            .Where(e => e.Source == "exception")
            .Select(e => new Signal(SignalKinds.Exception, e.SpanId,
                Evidence.Short(e.Type is null || e.Message == e.Type ? e.Message : $"{e.Type}: {e.Message}"), e.Type));
}
