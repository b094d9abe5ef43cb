using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.Harnesses.Storage;

/// <summary>
/// Harness versions' SQLite file (<c>harnesses.db</c> under the data dir), migrated on first use, with its outbox
/// (<see cref="BetterHarness.Contracts.HarnessVersionCreated"/> leaves in the transaction that stores the version).
/// </summary>
public sealed class HarnessDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public MessageOutbox Outbox { get; } = new("optimizer-harnesses", database);

    public static HarnessDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "harnesses.db", typeof(HarnessDatabase).Assembly, "Harnesses.Storage"));
}
