using BetterHarness.ServiceDefaults.Storage;
using Dapper;

namespace BetterHarness.Clustering.Storage;

/// <summary>The failure analyst's answers (keyed by model + prompt) and which signature has which answer.</summary>
public sealed class AnalysisStore(ClusteringDatabase database)
{
    /// <summary>
    /// Holds the analyst's lock (one pass at a time across replicas, so two never ask the model the same question or
    /// spend the same budget twice), or null when another replica's pass holds it.
    /// </summary>
    public Task<IAsyncDisposable?> TryHoldPassAsync(CancellationToken ct) => database.Database.TryHoldAsync("analyst", ct);

    /// <summary>The stored answer to this exact question, or null.</summary>
    public string? Statement(string cacheKey)
    {
        using var c = database.Database.Open();
        return c.QueryFirstOrDefault<string?>("SELECT statement FROM analyses WHERE cache_key = @cacheKey", new { cacheKey });
    }

    /// <summary>Stores an answer (if new) and links the signature to it, with the clustering text's signature row, in one transaction.</summary>
    public void Add(StoredAnalysis analysis, string signatureHash, (string Hash, string Text, string DominantKind) analysed, long nowMs)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO analyses (cache_key, model, statement, input_tokens, output_tokens, estimated, created_ms)
            VALUES (@CacheKey, @Model, @Statement, @InputTokens, @OutputTokens, @estimated, @nowMs)
            ON CONFLICT (cache_key) DO NOTHING
            """, new { analysis.CacheKey, analysis.Model, analysis.Statement, analysis.InputTokens, analysis.OutputTokens,
            // An integer 0/1 column on both engines: SQLite stores a bool as one, PostgreSQL refuses a boolean for a bigint.
            estimated = analysis.Estimated ? 1 : 0, nowMs }, tx);
        c.Execute("""
            INSERT INTO signatures (hash, text, dominant_kind) VALUES (@Hash, @Text, @DominantKind) ON CONFLICT (hash) DO NOTHING
            """, new { analysed.Hash, analysed.Text, analysed.DominantKind }, tx);
        c.Execute("""
            INSERT INTO signature_analyses (signature_hash, model, cache_key, analysed_hash) VALUES (@signatureHash, @Model, @CacheKey, @Hash)
            ON CONFLICT (signature_hash, model) DO UPDATE SET cache_key = excluded.cache_key, analysed_hash = excluded.analysed_hash
            """, new { signatureHash, analysis.Model, analysis.CacheKey, analysed.Hash }, tx);
        tx.Commit();
    }

    /// <summary>
    /// Failed traces whose signature has no answer from <paramref name="model"/>, newest received first, streamed (the
    /// caller stops reading once it has a batch).
    /// </summary>
    public IEnumerable<(string TraceId, string SignatureHash)> Pending(string model)
    {
        using var c = database.Database.Open();
        foreach (var row in c.Query<(string, string)>("""
                     SELECT f.trace_id, f.signature_hash FROM failures f
                     WHERE NOT EXISTS (SELECT 1 FROM signature_analyses s WHERE s.signature_hash = f.signature_hash AND s.model = @model)
                     ORDER BY f.received_ms DESC, f.trace_id
                     """, new { model }, buffered: false))
            yield return row;
    }

    /// <summary>Signature hash → the hash of its clustering text with <paramref name="model"/>'s statement, for those that have one.</summary>
    public IReadOnlyDictionary<string, string> AnalysedHashes(string model, IEnumerable<string> signatureHashes)
    {
        using var c = database.Database.Open();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        // SQLite caps bound parameters per statement, so ask in chunks (a list is one array parameter on PostgreSQL).
        var sql = database.Database.Sql(
            sqlite: "SELECT signature_hash, analysed_hash FROM signature_analyses WHERE model = @model AND signature_hash IN @chunk",
            postgres: "SELECT signature_hash, analysed_hash FROM signature_analyses WHERE model = @model AND signature_hash = ANY(@chunk)");
        foreach (var chunk in signatureHashes.Distinct().Chunk(500))
            foreach (var (hash, analysed) in c.Query<(string, string)>(sql, new { model, chunk }))
                result[hash] = analysed;
        return result;
    }

    /// <summary>Trace id → the statement <paramref name="model"/> gave for its failure's signature.</summary>
    public IReadOnlyDictionary<string, string> StatementsOf(string model, IEnumerable<string> traceIds)
    {
        using var c = database.Database.Open();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        const string statements = """
            SELECT f.trace_id, a.statement FROM failures f
            JOIN signature_analyses s ON s.signature_hash = f.signature_hash AND s.model = @model
            JOIN analyses a ON a.cache_key = s.cache_key
            """;
        var sql = database.Database.Sql(sqlite: statements + " WHERE f.trace_id IN @chunk", postgres: statements + " WHERE f.trace_id = ANY(@chunk)");
        foreach (var chunk in traceIds.Distinct().Chunk(500))
            foreach (var (traceId, statement) in c.Query<(string, string)>(sql, new { model, chunk }))
                result[traceId] = statement;
        return result;
    }

    /// <summary>Tokens of a call that stored no answer (it may still be billed).</summary>
    public void AddSpend(string model, long tokens, long nowMs)
    {
        using var c = database.Database.Open();
        c.Execute("INSERT INTO analyst_spend (model, tokens, created_ms) VALUES (@model, @tokens, @nowMs)", new { model, tokens, nowMs });
    }

    /// <summary>Input + output tokens <paramref name="model"/>'s calls cost since <paramref name="sinceMs"/>: stored answers and calls without one.</summary>
    public long TokensSince(string model, long sinceMs)
    {
        using var c = database.Database.Open();
        return c.ExecuteScalar<long>("""
            SELECT (SELECT coalesce(sum(input_tokens + output_tokens), 0) FROM analyses WHERE model = @model AND created_ms >= @sinceMs)
                 + (SELECT coalesce(sum(tokens), 0) FROM analyst_spend WHERE model = @model AND created_ms >= @sinceMs)
            """, new { model, sinceMs });
    }

    /// <summary>Answers stored, failures whose signature has one, and failures in the store, for <paramref name="model"/>.</summary>
    public (long Answers, long AnalysedFailures, long Failures) Counts(string model)
    {
        using var c = database.Database.Open();
        return c.QuerySingle<(long, long, long)>("""
            SELECT (SELECT count(*) FROM analyses WHERE model = @model),
                   (SELECT count(*) FROM failures f JOIN signature_analyses s ON s.signature_hash = f.signature_hash AND s.model = @model),
                   (SELECT count(*) FROM failures)
            """, new { model });
    }
}

/// <summary>One answer of the analyst, as stored.</summary>
public sealed record StoredAnalysis(string CacheKey, string Model, string Statement, long InputTokens, long OutputTokens, bool Estimated);
