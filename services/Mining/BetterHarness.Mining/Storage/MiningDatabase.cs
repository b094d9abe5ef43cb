using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Mining.Storage;

/// <summary>
/// The mining service's SQLite file (<c>mining.db</c> under the data dir), migrated on first use, with the outbox
/// <see cref="CandidateStore"/> writes <c>EvalCandidateProposed</c> to in the transaction that stores the candidate.
/// </summary>
public sealed class MiningDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public MessageOutbox Outbox { get; } = new("mining", database);

    public static MiningDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "mining.db", typeof(MiningDatabase).Assembly));
}
