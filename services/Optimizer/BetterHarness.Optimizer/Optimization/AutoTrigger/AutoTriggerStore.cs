using BetterHarness.Optimizer.Optimization.Storage;
using Dapper;

namespace BetterHarness.Optimizer.Optimization.AutoTrigger;

/// <summary>The auto-trigger's count of newly accepted cases per agent (SQL in Storage/Migrations/002_auto_trigger.sql).</summary>
public sealed class AutoTriggerStore(OptimizationDatabase db)
{
    /// <summary>Counts the case once (a duplicate delivery or a later revision changes nothing); returns the agent's pending count.</summary>
    public int Record(string agent, string caseId, string snapshotId, DateTimeOffset acceptedAt)
    {
        using var connection = db.Database.Open();
        connection.Execute("""
            INSERT INTO auto_trigger_cases (agent, case_id, snapshot_id, accepted_at) VALUES (@agent, @caseId, @snapshotId, @at)
            ON CONFLICT (agent, case_id) DO NOTHING
            """, new { agent, caseId, snapshotId, at = acceptedAt.ToString("O") });
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM auto_trigger_cases WHERE agent = @agent AND optimization_id IS NULL", new { agent });
    }

    /// <summary>True while a run of the agent (automatic or not) is queued or running: no second one is started.</summary>
    public bool HasActiveRun(string agent)
    {
        using var connection = db.Database.Open();
        return connection.ExecuteScalar<int>("SELECT COUNT(*) FROM optimizations WHERE agent = @agent AND status IN (@queued, @running)",
            new { agent, queued = OptimizationStatus.Queued, running = OptimizationStatus.Running }) > 0;
    }

    /// <summary>The pending cases become the run's: the count starts again from zero.</summary>
    public void Consume(string agent, string optimizationId)
    {
        using var connection = db.Database.Open();
        connection.Execute("UPDATE auto_trigger_cases SET optimization_id = @optimizationId WHERE agent = @agent AND optimization_id IS NULL",
            new { agent, optimizationId });
    }
}
