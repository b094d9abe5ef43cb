using System.Data.Common;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Curation.Storage;

/// <summary>
/// One write transaction of the curation store: the change, its audit entries and the facts it publishes commit
/// together (store first, then publish); the outbox dispatcher is woken after the commit.
/// </summary>
public sealed class CurationWrite : IDisposable
{
    private readonly MessageOutbox _outbox;
    private readonly Database _database;
    private bool _published;

    internal CurationWrite(CurationDatabase db, DateTimeOffset now)
    {
        _outbox = db.Outbox;
        _database = db.Database;
        Connection = db.Database.Open();
        // Split assignment and snapshots read counts they then write, and a decision reads the state it changes: no other
        // writer may interleave (BEGIN IMMEDIATE on SQLite; on PostgreSQL a lock every replica's writers take).
        Transaction = Connection.BeginWrite(db.Database, "curation-write");
        Now = now;
    }

    public DbConnection Connection { get; }
    public DbTransaction Transaction { get; }
    public DateTimeOffset Now { get; }
    public string NowText => Now.ToString("O");

    /// <summary>The statement for the store's engine (see <see cref="Database.Sql"/>).</summary>
    public string Sql(string sqlite, string postgres) => _database.Sql(sqlite, postgres);

    public void Publish(object message)
    {
        MessageOutbox.Add(Connection, Transaction, [message], Now.ToUnixTimeMilliseconds());
        _published = true;
    }

    public void Commit()
    {
        Transaction.Commit();
        if (_published) _outbox.Signal.Notify();
    }

    public void Dispose()
    {
        Transaction.Dispose();
        Connection.Dispose();
    }
}

/// <summary>Opens <see cref="CurationWrite"/>s.</summary>
public sealed class CurationWrites(CurationDatabase db, TimeProvider clock)
{
    public CurationWrite Begin() => new(db, clock.GetUtcNow());
}
