using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>
/// Named locks of one store that hold across the replicas sharing it. On PostgreSQL they are advisory locks keyed by
/// schema + name; on SQLite a write transaction is already exclusive (<c>BEGIN IMMEDIATE</c>) and a store belongs to
/// one process, so a lock only has to hold between the users of the file inside that process.
/// </summary>
public static class StoreLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Local = new(StringComparer.Ordinal);

    /// <summary>
    /// Serialises this write transaction with every other one that takes <paramref name="name"/> on the store until it
    /// commits or rolls back (<c>pg_advisory_xact_lock</c>): a read-then-write sees no other replica's write in between,
    /// as it would under SQLite's exclusive write transaction. A no-op on SQLite, where the transaction already is.
    /// </summary>
    public static void LockForWrite(this DbConnection connection, DbTransaction transaction, Database database, string name)
    {
        if (database.Engine != StorageEngine.Postgres) return;
        connection.Execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || @name))", new { name }, transaction);
    }

    /// <summary>
    /// Begins a write transaction that no other writer of the store interleaves with: SQLite's <c>BEGIN IMMEDIATE</c>
    /// (one writer per file), or on PostgreSQL a transaction holding <paramref name="name"/> (<see cref="LockForWrite"/>),
    /// which every replica's writers take. For stores whose writes read counts or states they then write.
    /// </summary>
    public static DbTransaction BeginWrite(this DbConnection connection, Database database, string name)
    {
        if (connection is SqliteConnection sqlite) return sqlite.BeginTransaction(deferred: false);
        var transaction = connection.BeginTransaction();
        connection.LockForWrite(transaction, database, name);
        return transaction;
    }

    /// <summary>
    /// Takes <paramref name="name"/> for as long as the returned handle lives, or null at once when someone else
    /// (another replica, or another caller in this process) holds it. On PostgreSQL it is a session advisory lock on a
    /// connection of its own, so a replica that dies releases it with its connection.
    /// </summary>
    public static async Task<IAsyncDisposable?> TryHoldAsync(this Database database, string name, CancellationToken ct = default)
    {
        if (database.Engine != StorageEngine.Postgres)
        {
            var local = Local.GetOrAdd(database.Location + "\n" + name, _ => new SemaphoreSlim(1, 1));
            return await local.WaitAsync(0, ct) ? new Held(local, null, name) : null;
        }
        // Each connection is a session of its own, so this also keeps two holders in one process apart.
        var connection = database.Open();
        try
        {
            if (await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(hashtext(current_schema() || ':' || @name))", new { name }))
                return new Held(null, connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Like <see cref="TryHoldAsync"/>, but waits (polling every 200 ms) until the lock is free.</summary>
    public static async Task<IAsyncDisposable> HoldAsync(this Database database, string name, CancellationToken ct = default)
    {
        while (true)
        {
            if (await database.TryHoldAsync(name, ct) is { } held) return held;
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private sealed class Held(SemaphoreSlim? local, DbConnection? connection, string name) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            try
            {
                // Unlocked explicitly: the pooled connection goes back to the pool, and the lock must not go with it.
                if (connection is not null)
                    await connection.ExecuteAsync("SELECT pg_advisory_unlock(hashtext(current_schema() || ':' || @name))", new { name });
            }
            finally
            {
                if (connection is not null) await connection.DisposeAsync();
                local?.Release();
            }
        }
    }
}
