using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Storage;
using Dapper;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>Transcripts of one run's trials, stored by id (<c>{run}:{harness}:{case}:{trial}</c>) for the side-by-side view.</summary>
public sealed class StoredTranscripts(OptimizationDatabase db, string optimizationId) : ITranscriptSink
{
    public IReadOnlyList<string> StoreMany(IReadOnlyList<(string CaseId, int Trial, string HarnessHash, string Json)> transcripts)
    {
        var rows = transcripts.Select(t => new { id = $"{optimizationId}:{t.HarnessHash}:{t.CaseId}:{t.Trial}", optimizationId, json = t.Json }).ToList();
        using var connection = db.Database.Open();
        using var tx = connection.BeginTransaction();
        connection.Execute("""
            INSERT INTO optimization_transcripts (id, optimization_id, transcript_json) VALUES (@id, @optimizationId, @json)
            ON CONFLICT (id) DO UPDATE SET transcript_json = excluded.transcript_json
            """, rows, tx);
        tx.Commit();
        return rows.Select(r => r.id).ToList();
    }

    public static string? Load(OptimizationDatabase db, string id)
    {
        using var connection = db.Database.Open();
        return connection.QuerySingleOrDefault<string>("SELECT transcript_json FROM optimization_transcripts WHERE id = @id", new { id });
    }
}
