using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Curation.Storage;

/// <summary>
/// The curation service's SQLite file (<c>curation.db</c> under the data dir), migrated on first use, with its outbox
/// (the generic <see cref="MessageOutbox"/>, table <c>outbox_messages</c>, drained by ServiceDefaults' dispatcher).
/// </summary>
public sealed class CurationDatabase
{
    private CurationDatabase(SqliteDatabase database, MessageOutbox outbox)
    {
        Database = database;
        Outbox = outbox;
    }

    public SqliteDatabase Database { get; }

    public MessageOutbox Outbox { get; }

    public static CurationDatabase Open(string dataDir)
    {
        var database = new SqliteDatabase(Path.Combine(dataDir, "curation.db"));
        // The outbox table first: migration 002 moves the rows of the old curation_outbox into it.
        var outbox = new MessageOutbox("curation", database);
        Migrator.Apply(database, typeof(CurationDatabase).Assembly);
        return new CurationDatabase(database, outbox);
    }
}
