using System.Data;
using System.Text.Json;
using BetterHarness.Contracts;
using Dapper;

namespace BetterHarness.Mining.Storage;

/// <summary>
/// The newest digest of every trace mining has seen, kept in the transaction that records its mining: a label on such a
/// trace resolves its turn from it, and re-scoring reads an agent's recent conversations from it.
/// </summary>
public sealed class DigestArchive(MiningDatabase db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Keep(IDbConnection c, IDbTransaction tx, TraceDigest digest) => c.Execute("""
        INSERT INTO mined_digests (trace_id, revision, agent, completed_at, digest_json) VALUES (@TraceId, @Revision, @agent, @completedAt, @json)
        ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, agent = excluded.agent, completed_at = excluded.completed_at,
            digest_json = excluded.digest_json
        WHERE excluded.revision >= mined_digests.revision
        """, new { digest.TraceId, digest.Revision, agent = Domain.Cases.CaseBuilder.AgentOf(digest), completedAt = digest.CompletedAt.ToString("O"),
            json = JsonSerializer.Serialize(digest, Json) }, tx);

    public TraceDigest? Find(string traceId)
    {
        using var c = db.Database.Open();
        var json = c.QueryFirstOrDefault<string?>("SELECT digest_json FROM mined_digests WHERE trace_id = @traceId", new { traceId });
        return json is null ? null : JsonSerializer.Deserialize<TraceDigest>(json, Json);
    }

    /// <summary>Trace ids of <paramref name="agent"/>'s digests completed at or after <paramref name="since"/>, newest first.</summary>
    public IReadOnlyList<string> Recent(string agent, DateTimeOffset since, int limit)
    {
        using var c = db.Database.Open();
        return c.Query<string>("""
            SELECT trace_id FROM mined_digests WHERE agent = @agent AND completed_at >= @since ORDER BY completed_at DESC LIMIT @limit
            """, new { agent, since = since.ToString("O"), limit }).ToList();
    }
}
