using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Testing.Storage;

namespace BetterHarness.ServiceDefaults.Tests.Outbox;

/// <summary>The shared outbox on either engine: stored with the state, pending until sent, re-driven after a restart.</summary>
public abstract class OutboxTests(StoreEngine engine)
{
    protected StoreEngine Engine => engine;

    [Fact]
    public void A_message_stored_in_a_committed_transaction_is_pending_until_marked_sent()
    {
        var outbox = Open(engine.NewDatabases());
        Write(outbox, commit: true, Changed("snap_1"), Changed("snap_2"));

        var pending = outbox.Pending(10);
        Assert.Equal(["snap_1", "snap_2"], pending.Select(p => Assert.IsType<EvalSetChanged>(p.Message).SnapshotId));
        Assert.Equal(2, outbox.PendingCount());

        outbox.MarkSent([pending[0].Id], 1_000);
        Assert.Equal(1, outbox.PendingCount());
        Assert.Equal("snap_2", Assert.IsType<EvalSetChanged>(Assert.Single(outbox.Pending(10)).Message).SnapshotId);
    }

    [Fact]
    public void A_message_of_a_rolled_back_transaction_is_never_sent()
    {
        var outbox = Open(engine.NewDatabases());
        Write(outbox, commit: false, Changed("snap_lost"));
        Assert.Empty(outbox.Pending(10));
        Assert.Equal(0, outbox.PendingCount());
    }

    [Fact]
    public void Redrive_makes_the_last_window_of_sent_messages_pending_again()
    {
        var outbox = Open(engine.NewDatabases());
        Write(outbox, commit: true, Changed("old"), Changed("recent"));
        var pending = outbox.Pending(10);
        outbox.MarkSent([pending[0].Id], 1_000);
        outbox.MarkSent([pending[1].Id], 100_000);

        Assert.Equal(1, outbox.Redrive(windowMs: 60_000));
        Assert.Equal("recent", Assert.IsType<EvalSetChanged>(Assert.Single(outbox.Pending(10)).Message).SnapshotId);
    }

    [Fact]
    public void Only_contract_types_are_stored()
    {
        var outbox = Open(engine.NewDatabases());
        Assert.Throws<ArgumentException>(() => Write(outbox, commit: true, new { Not = "a contract" }));
    }

    protected static MessageOutbox Open(Databases databases, TimeSpan? claimLease = null) =>
        new("test", databases.Open("test", "outbox", typeof(MessageOutbox).Assembly), claimLease);

    protected static void Write(MessageOutbox outbox, bool commit, params object[] messages)
    {
        using var connection = outbox.Database.Open();
        using var transaction = connection.BeginTransaction();
        MessageOutbox.Add(connection, transaction, messages, 1);
        if (commit) transaction.Commit();
    }

    protected static EvalSetChanged Changed(string snapshot) => new()
    {
        SnapshotId = snapshot, Agent = "agent", Action = "accept", CaseCount = 1, Actor = "test", At = DateTimeOffset.UnixEpoch,
    };
}

public sealed class OutboxOnSqlite(SqliteEngine engine) : OutboxTests(engine), IClassFixture<SqliteEngine>;
