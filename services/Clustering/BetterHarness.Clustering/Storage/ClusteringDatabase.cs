using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Clustering.Storage;

/// <summary>
/// The clustering service's SQLite file (<c>clustering.db</c> under the data dir), migrated on first use, with the
/// outbox its stores write <c>TracesClustered</c> and the alerts to in the transactions that store them.
/// </summary>
public sealed class ClusteringDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public MessageOutbox Outbox { get; } = new("clustering", database);

    public static ClusteringDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "clustering.db", typeof(ClusteringDatabase).Assembly));
}
