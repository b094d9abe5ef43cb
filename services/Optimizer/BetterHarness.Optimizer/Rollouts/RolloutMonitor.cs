using System.Text.Json;
using BetterHarness.Optimizer.Domain.Rollouts;
using BetterHarness.Optimizer.Harnesses.Traces;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Rollouts;

/// <summary>
/// Watches every running canary: reads both arms' production figures since the rollout started from ingest's API (the
/// optimizer never reads ingest's store), runs <see cref="CanaryMonitor"/> and records what it saw; rolls the canary back
/// (or promotes it, when configured) with its reason. The mSPRT behind it stays valid however often it looks.
/// </summary>
public sealed class RolloutMonitor(RolloutStore store, IngestTracesClient ingest, IOptions<RolloutOptions> options, ILogger<RolloutMonitor> logger)
    : BackgroundService
{
    public static readonly Actor Actor = new("rollout-monitor", Role.Admin, ActorKinds.Local);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await CheckAllAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Rollout monitor: this look failed, next in {Interval}: {Error}", options.Value.CheckInterval, ex.Message);
            }
            try { await Task.Delay(options.Value.CheckInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task CheckAllAsync(CancellationToken ct)
    {
        foreach (var rollout in store.Running()) await CheckAsync(rollout, ct);
    }

    private async Task CheckAsync(Rollout rollout, CancellationToken ct)
    {
        var figures = await ingest.ProductionAsync(rollout.Agent, rollout.StartedAt, ct);
        var canary = Arm(figures, rollout.Version);
        var current = Arm(figures, rollout.BaselineVersion);
        var o = options.Value;
        var settings = new CanarySettings(o.Alpha, o.Tau, o.MinTracesPerArm, o.AutoPromoteAfter);
        var verdict = CanaryMonitor.Decide(canary, current, settings);
        store.RecordCheck(rollout.Id, new RolloutCheck(canary.Traces, canary.Failed, canary.Corrected, current.Traces, current.Failed, current.Corrected,
            verdict.FailureLikelihoodRatio, verdict.CorrectionLikelihoodRatio, 2 / o.Alpha, verdict.Action, verdict.Reason));
        if (verdict.Action == CanaryVerdict.Rollback && store.End(rollout.Id, Rollout.RolledBack, Actor, "automatic rollback: " + verdict.Reason))
            logger.LogWarning("Rolled back the canary of {Agent} v{Version}: {Reason}", rollout.Agent, rollout.Version, verdict.Reason);
        else if (verdict.Action == CanaryVerdict.Promote && store.End(rollout.Id, Rollout.Promoted, Actor, "automatic promotion: " + verdict.Reason))
            logger.LogInformation("Promoted the canary of {Agent} v{Version}: {Reason}", rollout.Agent, rollout.Version, verdict.Reason);
    }

    private static ArmCounts Arm(JsonElement figures, int version)
    {
        if (figures.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array)
            foreach (var v in versions.EnumerateArray())
                if (v.TryGetProperty("version", out var n) && n.ValueKind == JsonValueKind.Number && n.GetInt32() == version)
                    return new ArmCounts(v.GetProperty("traces").GetInt64(), v.GetProperty("failed").GetInt64(), v.GetProperty("corrected").GetInt64());
        return new ArmCounts(0, 0, 0);
    }
}
