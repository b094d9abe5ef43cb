using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Harnesses;
using BetterHarness.Ingest.Domain.Traces;
using BetterHarness.Ingest.Storage;
using Dapper;

namespace BetterHarness.Ingest.Harnesses;

/// <summary>
/// The agents' harness versions as ingest knows them (table <c>harness_versions</c>, fed by
/// <see cref="HarnessVersionCreatedConsumer"/>), kept in memory for the completion sweep: attribution must not cost a
/// query per trace. Replaced as a whole on change, so the sweep reads a consistent snapshot without locks.
/// </summary>
public sealed class HarnessCatalog(IngestDatabase database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private Dictionary<string, IReadOnlyList<KnownHarnessVersion>>? _byAgent;

    /// <summary>The versions of the first of <paramref name="names"/> that has any (agent name, then service name).</summary>
    public IReadOnlyList<KnownHarnessVersion> For(params string?[] names)
    {
        var byAgent = _byAgent ?? Reload();
        foreach (var name in names)
            if (name is not null && byAgent.TryGetValue(name, out var versions)) return versions;
        return [];
    }

    public bool HasVersions(string agent) => (_byAgent ?? Reload()).ContainsKey(agent);

    /// <summary>
    /// Stores a version (idempotent on agent + version) and claims the unknown traces of its agent whose content is
    /// exactly its own, unless another version has the same content. Returns how many traces it claimed.
    /// </summary>
    public int Learn(HarnessVersionCreated message)
    {
        var tools = message.Tools.Select(t => new ToolSpec(t.Name, t.Description, t.Parameters)).ToList();
        var fingerprint = HarnessContent.Of(message.Instructions, tools).Fingerprint;
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO harness_versions (agent, version, fingerprint, instructions, tools_json, created_at)
            VALUES (@Agent, @Version, @fingerprint, @Instructions, @tools, @at)
            ON CONFLICT (agent, version) DO NOTHING
            """, new { message.Agent, message.Version, fingerprint, message.Instructions, tools = JsonSerializer.Serialize(message.Tools, Json),
                at = message.CreatedAt.ToString("O") }, tx);
        var twins = c.ExecuteScalar<long>("SELECT count(*) FROM harness_versions WHERE agent = @Agent AND fingerprint = @fingerprint",
            new { message.Agent, fingerprint }, tx);
        var claimed = twins != 1 ? 0 : c.Execute("""
            UPDATE traces SET harness_version = @Version, harness_attribution = 'content', harness_similarity = 1.0
            WHERE harness_attribution = 'unknown' AND harness_fingerprint = @fingerprint
              AND (agent_name = @Agent OR service_name = @Agent)
            """, new { message.Version, fingerprint, message.Agent }, tx);
        tx.Commit();
        Reload();
        return claimed;
    }

    private Dictionary<string, IReadOnlyList<KnownHarnessVersion>> Reload()
    {
        using var c = database.Database.Open();
        var rows = c.Query<(string Agent, long Version, string Instructions, string ToolsJson)>(
            "SELECT agent, version, instructions, tools_json FROM harness_versions ORDER BY agent, version");
        var byAgent = rows.GroupBy(r => r.Agent, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<KnownHarnessVersion>)g
            .Select(r => new KnownHarnessVersion(r.Agent, (int)r.Version, HarnessContent.Of(r.Instructions,
                (JsonSerializer.Deserialize<List<HarnessToolDefinition>>(r.ToolsJson, Json) ?? [])
                    .Select(t => new ToolSpec(t.Name, t.Description, t.Parameters)).ToList())))
            .ToList(), StringComparer.Ordinal);
        _byAgent = byAgent;
        return byAgent;
    }
}
