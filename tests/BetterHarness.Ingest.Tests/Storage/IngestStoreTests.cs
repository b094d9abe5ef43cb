using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.Ingest.Storage;
using BetterHarness.Testing;
using BetterHarness.Testing.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Tests.Storage;

/// <summary>
/// The ingest store's writes and reads, the same tests on SQLite (prepared inserts) and PostgreSQL (binary COPY through
/// staging tables): idempotent span and event writes, trace bookkeeping, feedback, outbox.
/// </summary>
public abstract class IngestStoreTests(StoreEngine engine)
{
    private readonly IngestDatabase _database = IngestDatabase.Open(engine.NewDatabases());

    private async Task<T> WithWriterAsync<T>(Func<SpanWriter, Task<T>> write)
    {
        var writer = new SpanWriter(_database, NullLogger<SpanWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        try { return await write(writer); }
        finally { await writer.StopAsync(CancellationToken.None); }
    }

    private static int Spans(ExportTraceServiceRequest r) => r.ResourceSpans.SelectMany(s => s.ScopeSpans).Sum(s => s.Spans.Count);

    [Fact]
    public async Task A_retried_request_stores_nothing_and_does_not_move_its_trace()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        Assert.Equal(2, await WithWriterAsync(w => w.WriteAsync(request, 2)));
        var first = new TraceStore(_database).Find(traceId)!;
        await Task.Delay(20);

        Assert.Equal(0, await WithWriterAsync(w => w.WriteAsync(request, 2)));

        var after = new TraceStore(_database).Find(traceId)!;
        Assert.Equal(2, after.Span_count);
        Assert.Equal(first.Last_span_ms, after.Last_span_ms);
        Assert.Equal(first.Version, after.Version);
        Assert.Equal(1, after.Root_ended);
        Assert.Equal(2, new TraceStore(_database).LoadSpans(traceId).Count);
    }

    [Fact]
    public async Task Concurrent_requests_share_a_commit_and_each_learns_what_it_stored()
    {
        var traces = Enumerable.Range(0, 40).Select(_ => TestRequests.SimpleTrace()).ToList();
        // The same request twice in one group: stored once, credited to one of them.
        var stored = await WithWriterAsync(w => Task.WhenAll(traces.Select(t => w.WriteAsync(t.Request, 2)).Append(w.WriteAsync(traces[0].Request, 2))));

        Assert.Equal(80, stored.Sum());
        var store = new TraceStore(_database);
        Assert.All(traces, t => Assert.Equal(2, store.Find(t.TraceId)!.Span_count));
        var counts = new TraceQueries(_database).Counts();
        Assert.Equal((40L, 0L, 80L), counts);
        Assert.Equal(40, store.LoadSpans([.. traces.Select(t => t.TraceId)]).Count);
    }

    [Fact]
    public async Task Spans_in_several_requests_add_up_and_genai_events_join_their_span_whichever_came_first()
    {
        var traceId = TestRequests.NewTraceId();
        var root = TestRequests.NewSpanId();
        var chat = TestRequests.NewSpanId();
        var id = Convert.ToHexStringLower(traceId);
        var events = TestLogs.Request(TestLogs.UserAndChoice(traceId, chat, "book me a flight", "done"));
        await WithWriterAsync(async w =>
        {
            Assert.Equal(2, await w.WriteAsync(events, 2));
            Assert.Equal(0, await w.WriteAsync(events, 2));
            await w.WriteAsync(TestRequests.Request(TestRequests.Span(traceId, chat, root, "chat", ("gen_ai.operation.name", "chat"))), 1);
            return await w.WriteAsync(TestRequests.Request(TestRequests.Span(traceId, root, null, "invoke_agent")), 1);
        });

        var row = new TraceStore(_database).Find(id)!;
        Assert.Equal(2, row.Span_count);
        Assert.Equal(1, row.Root_ended);
        var spans = new TraceStore(_database).LoadSpans(id);
        Assert.Equal(2, spans.Count);
        Assert.Equal(2, spans.Single(s => s.SpanId == Convert.ToHexStringLower(chat)).Events.Count);
    }

    [Fact]
    public async Task Feedback_is_stored_once_and_amends_a_completed_trace()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var (another, anotherId) = TestRequests.SimpleTrace();
        await WithWriterAsync(w => Task.WhenAll(w.WriteAsync(request, 2), w.WriteAsync(another, 2)));
        using (var c = _database.Database.Open())
            c.Execute("UPDATE traces SET state = @completed, revision = 1 WHERE trace_id = @traceId", new { completed = TraceState.Completed, traceId });
        var feedback = new FeedbackStore(_database);

        Assert.Equal(FeedbackResult.Stored, feedback.Add("fb1", traceId, null, 0.0, "thumbs_down", "wrong", "the cheapest", 1));
        Assert.Equal(FeedbackResult.Duplicate, feedback.Add("fb1", traceId, null, 0.0, "thumbs_down", "wrong", "the cheapest", 2));
        Assert.Equal(FeedbackResult.IdConflict, feedback.Add("fb1", anotherId, null, 1, null, null, null, 3));
        Assert.Equal(FeedbackResult.UnknownTrace, feedback.Add("fb2", new string('c', 32), null, 1, null, null, null, 4));

        Assert.Equal(TraceState.Amended, new TraceStore(_database).Find(traceId)!.State);
        Assert.Single(new TraceStore(_database).LoadFeedback(traceId));
    }

    [Fact]
    public void Outbox_hands_out_pending_digests_once_marked_sent_they_are_done()
    {
        using (var c = _database.Database.Open())
            for (var i = 0; i < 5; i++)
            {
                var digest = new TraceDigest
                {
                    TraceId = new string((char)('a' + i), 32), Revision = 1, StartedAt = DateTimeOffset.UnixEpoch,
                    CompletedAt = DateTimeOffset.UnixEpoch, Failed = true, Corrected = false, Signals = [], Messages = [], ToolCalls = [],
                };
                c.Execute("INSERT INTO outbox (trace_id, revision, payload, created_ms) VALUES (@t, 1, @p, 1)",
                    new { t = digest.TraceId, p = JsonSerializer.Serialize(digest, IngestJson.Options) });
            }
        var outbox = new OutboxStore(_database);

        var pending = outbox.Pending(3);
        Assert.Equal(3, pending.Count);
        outbox.MarkSent(pending.Select(p => p.Id), 100);
        Assert.Equal(2, outbox.PendingCount());
        Assert.Equal(2, outbox.Pending(10).Count);
        Assert.Equal(3, outbox.Redrive(10_000));
        Assert.Equal(5, outbox.PendingCount());
    }
}

public sealed class IngestStoreOnSqlite(SqliteEngine engine) : IngestStoreTests(engine), IClassFixture<SqliteEngine>;

public sealed class IngestStoreOnPostgres(PostgresEngine engine) : IngestStoreTests(engine), IClassFixture<PostgresEngine>;
