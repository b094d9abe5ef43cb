using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Clustering.Storage;

/// <summary>
/// The clustering service's store (<c>clustering</c>: <c>clustering.db</c> under the data dir, or that schema on
/// PostgreSQL), migrated on first use, with the outbox its stores write <c>TracesClustered</c> and the alerts to in the
/// transactions that store them.
/// </summary>
public sealed class ClusteringDatabase(Database database)
{
    public Database Database { get; } = database;

    public MessageOutbox Outbox { get; } = new("clustering", database);

    /// <summary>The store on the engine <paramref name="databases"/> names for the clustering service.</summary>
    public static ClusteringDatabase Open(Databases databases) =>
        new(databases.Open("clustering", "clustering", typeof(ClusteringDatabase).Assembly));

    /// <summary>The store in <c>clustering.db</c> under <paramref name="dataDir"/> (SQLite).</summary>
    public static ClusteringDatabase Open(string dataDir) => Open(Databases.Sqlite(dataDir));
}
