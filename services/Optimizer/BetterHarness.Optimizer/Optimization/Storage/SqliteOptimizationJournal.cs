using System.Text.Json;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using Dapper;

namespace BetterHarness.Optimizer.Optimization.Storage;

/// <summary>One run's journal in SQLite: each write is one transaction, committed before the loop goes on.</summary>
public sealed class SqliteOptimizationJournal(OptimizationDatabase db, string optimizationId) : IOptimizationJournal
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<IReadOnlyList<CaseResult>> LoadCaseResultsAsync(string evaluationKey, CancellationToken cancellationToken)
    {
        using var connection = db.Database.Open();
        IReadOnlyList<CaseResult> rows = connection.Query<string>(
                "SELECT result_json FROM optimization_case_results WHERE optimization_id = @optimizationId AND eval_key = @evaluationKey",
                new { optimizationId, evaluationKey })
            .Select(j => JsonSerializer.Deserialize<CaseResult>(j, Json)!).ToList();
        return Task.FromResult(rows);
    }

    public Task SaveCaseResultsAsync(string evaluationKey, IReadOnlyList<CaseResult> results, CancellationToken cancellationToken)
    {
        using var connection = db.Database.Open();
        using var tx = connection.BeginTransaction();
        connection.Execute("""
            INSERT INTO optimization_case_results (optimization_id, eval_key, case_id, result_json)
            VALUES (@optimizationId, @evaluationKey, @caseId, @json)
            ON CONFLICT (optimization_id, eval_key, case_id) DO UPDATE SET result_json = excluded.result_json
            """, results.Select(r => new { optimizationId, evaluationKey, caseId = r.CaseId, json = JsonSerializer.Serialize(r, Json) }), tx);
        tx.Commit();
        return Task.CompletedTask;
    }

    public Task<Proposal?> LoadProposalAsync(int iteration, CancellationToken cancellationToken)
    {
        using var connection = db.Database.Open();
        var json = connection.QuerySingleOrDefault<string>(
            "SELECT proposal_json FROM optimization_proposals WHERE optimization_id = @optimizationId AND iteration = @iteration",
            new { optimizationId, iteration });
        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize<Proposal>(json, Json));
    }

    public Task SaveProposalAsync(int iteration, Proposal proposal, CancellationToken cancellationToken)
    {
        using var connection = db.Database.Open();
        connection.Execute("""
            INSERT INTO optimization_proposals (optimization_id, iteration, proposal_json) VALUES (@optimizationId, @iteration, @json)
            ON CONFLICT (optimization_id, iteration) DO NOTHING
            """, new { optimizationId, iteration, json = JsonSerializer.Serialize(proposal, Json) });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IterationRecord>> LoadIterationsAsync(CancellationToken cancellationToken)
    {
        using var connection = db.Database.Open();
        IReadOnlyList<IterationRecord> rows = connection.Query<string>(
                "SELECT record_json FROM optimization_iterations WHERE optimization_id = @optimizationId ORDER BY iteration",
                new { optimizationId })
            .Select(j => JsonSerializer.Deserialize<IterationRecord>(j, Json)!).ToList();
        return Task.FromResult(rows);
    }

    public Task SaveIterationAsync(IterationRecord record, CancellationToken cancellationToken)
    {
        using var connection = db.Database.Open();
        connection.Execute("""
            INSERT INTO optimization_iterations (optimization_id, iteration, record_json) VALUES (@optimizationId, @iteration, @json)
            ON CONFLICT (optimization_id, iteration) DO UPDATE SET record_json = excluded.record_json
            """, new { optimizationId, iteration = record.Iteration, json = JsonSerializer.Serialize(record, Json) });
        return Task.CompletedTask;
    }
}
