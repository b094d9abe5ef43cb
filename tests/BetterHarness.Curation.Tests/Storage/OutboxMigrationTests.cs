using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;

namespace BetterHarness.Curation.Tests.Storage;

/// <summary>A curation.db written before the generic outbox keeps its facts: pending ones are still published, in order.</summary>
public sealed class OutboxMigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bh-curation-migrate-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Facts_of_the_old_curation_outbox_move_into_the_generic_outbox()
    {
        var old = new SqliteDatabase(Path.Combine(_dir, "curation.db"));
        using (var c = old.Open())
        {
            c.Execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
            var assembly = typeof(CurationDatabase).Assembly;
            using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Migrations.001_curation.sql", StringComparison.Ordinal)))!;
            c.Execute(new StreamReader(stream).ReadToEnd());
            c.Execute("INSERT INTO schema_migrations VALUES ('001_curation.sql', '2026-01-01T00:00:00Z')");
            var insert = "INSERT INTO curation_outbox (message_type, payload, created_ms, sent_ms) VALUES (@type, @payload, @created, @sent)";
            c.Execute(insert, new { type = typeof(EvalSetChanged).FullName, payload = Payload("snap_sent"), created = 1, sent = (long?)5 });
            c.Execute(insert, new { type = typeof(EvalSetChanged).FullName, payload = Payload("snap_pending_1"), created = 2, sent = (long?)null });
            c.Execute(insert, new { type = typeof(EvalSetChanged).FullName, payload = Payload("snap_pending_2"), created = 3, sent = (long?)null });
        }

        var db = CurationDatabase.Open(_dir);

        var pending = db.Outbox.Pending(10).Select(e => Assert.IsType<EvalSetChanged>(e.Message).SnapshotId).ToList();
        Assert.Equal(["snap_pending_1", "snap_pending_2"], pending);
        using var check = db.Database.Open();
        Assert.Equal(5, check.ExecuteScalar<long>("SELECT sent_ms FROM outbox_messages WHERE payload LIKE '%snap_sent%'"));
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE name = 'curation_outbox'"));
        // Opening again applies nothing twice.
        Assert.Equal(2, CurationDatabase.Open(_dir).Outbox.Pending(10).Count);
    }

    private static string Payload(string snapshotId) => JsonSerializer.Serialize(new EvalSetChanged
    {
        SnapshotId = snapshotId, Agent = "a", Action = "accept", CaseCount = 1, Actor = "carol", At = DateTimeOffset.UnixEpoch,
    }, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
