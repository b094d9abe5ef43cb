using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals;

/// <summary>One failure signal's rule. Rules are independent and see only the normalised trace.</summary>
public interface ISignalRule
{
    IEnumerable<Signal> Detect(NormalizedTrace trace);
}
