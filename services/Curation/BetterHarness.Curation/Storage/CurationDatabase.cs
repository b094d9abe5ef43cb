using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Curation.Storage;

/// <summary>
/// The curation service's store (<c>curation</c>: <c>curation.db</c> under the data dir, or that schema on PostgreSQL),
/// migrated on first use, with its outbox (the generic <see cref="MessageOutbox"/>, table <c>outbox_messages</c>, drained
/// by ServiceDefaults' dispatcher).
/// </summary>
public sealed class CurationDatabase
{
    private CurationDatabase(Database database, MessageOutbox outbox)
    {
        Database = database;
        Outbox = outbox;
    }

    public Database Database { get; }

    public MessageOutbox Outbox { get; }

    /// <summary>The store on the engine <paramref name="databases"/> names for the curation service.</summary>
    public static CurationDatabase Open(Databases databases)
    {
        var database = databases.OpenUnmigrated("curation", "curation");
        // The outbox table first: SQLite's migration 002 moves the rows of the old curation_outbox into it.
        var outbox = new MessageOutbox("curation", database);
        Migrator.Apply(database, typeof(CurationDatabase).Assembly);
        return new CurationDatabase(database, outbox);
    }

    /// <summary>The store in <c>curation.db</c> under <paramref name="dataDir"/> (SQLite).</summary>
    public static CurationDatabase Open(string dataDir) => Open(Databases.Sqlite(dataDir));
}
