using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.Harnesses.Storage;

/// <summary>
/// Harness versions' store (<c>harnesses</c>: <c>harnesses.db</c> under the data dir, or schema <c>harnesses</c> on
/// PostgreSQL), migrated on first use, with its outbox (<see cref="BetterHarness.Contracts.HarnessVersionCreated"/>
/// leaves in the transaction that stores the version).
/// </summary>
public sealed class HarnessDatabase(Database database)
{
    public const string Store = "harnesses";

    public Database Database { get; } = database;

    public MessageOutbox Outbox { get; } = new("optimizer-harnesses", database);

    /// <summary>The store on the engine <paramref name="databases"/> names for the optimizer service.</summary>
    public static HarnessDatabase Open(Databases databases) =>
        new(databases.Open(OptimizerModule.ServiceName, Store, typeof(HarnessDatabase).Assembly, "Harnesses.Storage"));

    /// <summary>The SQLite file under <paramref name="dataDir"/> (tools and tests that name no engine).</summary>
    public static HarnessDatabase Open(string dataDir) => Open(Databases.Sqlite(dataDir));
}
