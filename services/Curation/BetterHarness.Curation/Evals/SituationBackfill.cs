using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Splits;
using BetterHarness.Curation.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation.Evals;

/// <summary>
/// At start-up, stores the situation (group and vector) of every case accepted before situations existed, so the leak
/// figure covers the whole store. Their split stays as it was; each joins a group on its own side only. Embeds in
/// batches outside the write lock.
/// </summary>
public sealed class SituationBackfill(CurationDatabase db, CurationWrites writes, SituationVectors vectors, IOptions<CurationOptions> options,
    ILogger<SituationBackfill> logger) : BackgroundService
{
    private const int Batch = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var total = 0;
        while (!stoppingToken.IsCancellationRequested && Missing() is { Count: > 0 } missing)
        {
            var docs = missing.Select(m => (m.Id, m.Agent, m.Category, m.Split, Content: CaseDocument.Content((JsonObject)JsonNode.Parse(m.Json)!))).ToList();
            var prepared = vectors.Prepare(docs.Select(d => SituationKeys.Text(d.Content)));
            using (var w = writes.Begin())
            {
                foreach (var d in docs.Where(d => !Situations.Has(w, d.Id)))
                    Situations.Backfill(w, d.Id, d.Agent, d.Category, d.Split, d.Content, vectors.Get(prepared, SituationKeys.Text(d.Content)),
                        options.Value.SituationSimilarity);
                w.Commit();
            }
            total += docs.Count;
        }
        if (total > 0) logger.LogInformation("Stored the situation of {Count} cases accepted before situations existed", total);
    }

    private List<(string Id, string Agent, string Category, string Split, string Json)> Missing()
    {
        using var c = db.Database.Open();
        return c.Query<(string, string, string, string, string)>("""
            SELECT c.id, c.agent, c.category, c.split, r.doc_json FROM cases c JOIN case_revisions r ON r.case_id = c.id AND r.revision = 1
            WHERE NOT EXISTS (SELECT 1 FROM case_situations s WHERE s.case_id = c.id) ORDER BY c.created_at, c.id LIMIT @Batch
            """, new { Batch }).ToList();
    }
}
