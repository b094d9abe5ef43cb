using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.EvalRuns.Storage;

namespace BetterHarness.Optimizer.EvalRuns.Running;

/// <summary>Where a finished trial's transcript goes besides the store: the ingest, as a trace (best effort).</summary>
public interface IEvalTraceSink
{
    ValueTask ExportAsync(EvalRunRecord run, EvalCase evalCase, TrialResult result, CancellationToken cancellationToken);
}
