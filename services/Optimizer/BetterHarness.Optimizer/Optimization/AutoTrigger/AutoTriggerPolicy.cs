using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Optimization.AutoTrigger;

/// <summary>
/// Turns the flywheel again on its own: once <see cref="OptimizationOptions.AutoTriggerAfterAcceptedCases"/> new
/// cases were accepted for an agent (each case counted once, however often its message arrives), a run of the
/// agent's current harness on its newest snapshot is stored — unless one is already queued or running for that
/// agent, in which case the cases keep counting towards the next. Off (0) by default.
/// </summary>
public sealed class AutoTriggerPolicy(AutoTriggerStore store, OptimizationRuns runs, IOptions<OptimizationOptions> options)
{
    /// <summary>The actor automatic runs are started by (audit log, <c>requestedBy</c>).</summary>
    public static readonly Actor Actor = new("auto-trigger", Role.Curator, ActorKinds.Local);

    // One decision at a time in this process: two cases crossing the threshold together must not start two runs.
    private readonly Lock _gate = new();

    /// <summary>Counts an accepted case; returns the run to start when this case reached the threshold, else null.</summary>
    public OptimizationRun? CaseAccepted(string agent, string caseId, string snapshotId, DateTimeOffset at)
    {
        var threshold = options.Value.AutoTriggerAfterAcceptedCases;
        if (threshold <= 0) return null;
        lock (_gate)
        {
            var pending = store.Record(agent, caseId, snapshotId, at);
            if (pending < threshold || store.HasActiveRun(agent)) return null;
            var o = options.Value;
            var run = runs.Create(agent, new OptimizationParameters(null, o.DefaultMaxIterations, o.DefaultTrials, o.AutoTriggerModel), Actor,
                $"agent {agent}: {pending} new cases accepted (threshold {threshold}), model {o.AutoTriggerModel}, {o.DefaultMaxIterations} iterations × {o.DefaultTrials} trials");
            store.Consume(agent, run.Id);
            return run;
        }
    }
}
