using System.Collections.Concurrent;
using BetterHarness.Contracts;
using BetterHarness.Ingest.Assembly;
using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Harnesses;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Testing;
using BetterHarness.Testing.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Tests.Storage;

/// <summary>
/// Several ingest replicas on one PostgreSQL schema: any replica takes any span, a due trace is completed by one replica
/// (its claim), and each digest is published by one dispatcher.
/// </summary>
public sealed class IngestReplicasOnPostgres(PostgresEngine engine) : IClassFixture<PostgresEngine>
{
    private static readonly IngestOptions Settings = new() { QuietWindow = TimeSpan.FromMilliseconds(200) };

    /// <summary>One replica's ingest components, each with its own connections and claim identity, over the shared schema.</summary>
    private sealed class Replica
    {
        public Replica(Databases databases)
        {
            Database = IngestDatabase.Open(databases);
            Writer = new SpanWriter(Database, NullLogger<SpanWriter>.Instance);
            Store = new TraceStore(Database);
            Outbox = new OutboxStore(Database);
            Completion = new TraceCompletionWorker(Store, Writer, Outbox, new HarnessCatalog(Database), Options.Create(Settings),
                new IngestMetrics(), TimeProvider.System, NullLogger<TraceCompletionWorker>.Instance);
        }

        public IngestDatabase Database { get; }
        public SpanWriter Writer { get; }
        public TraceStore Store { get; }
        public OutboxStore Outbox { get; }
        public TraceCompletionWorker Completion { get; }
    }

    private static Span Failed(Span span)
    {
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "tool crashed" };
        return span;
    }

    [Fact]
    public async Task Two_replicas_complete_and_publish_every_trace_exactly_once_when_its_spans_arrive_at_both()
    {
        const int traces = 300;
        var storage = engine.NewStorage();
        var replicas = new[] { new Replica(engine.NewDatabases(storage)), new Replica(engine.NewDatabases(storage)) };
        foreach (var r in replicas) await r.Writer.StartAsync(CancellationToken.None);

        // Each trace's root goes to one replica and its two children to the other, all at once.
        var ids = new List<string>();
        var writes = new List<Task<int>>();
        for (var i = 0; i < traces; i++)
        {
            var traceId = TestRequests.NewTraceId();
            var root = TestRequests.NewSpanId();
            ids.Add(Convert.ToHexStringLower(traceId));
            writes.Add(replicas[i % 2].Writer.WriteAsync(TestRequests.Request(Failed(TestRequests.Span(traceId, root, null, "invoke_agent"))), 1));
            writes.Add(replicas[(i + 1) % 2].Writer.WriteAsync(TestRequests.Request(
                TestRequests.Span(traceId, TestRequests.NewSpanId(), root, "chat", ("gen_ai.operation.name", "chat")),
                Failed(TestRequests.Span(traceId, TestRequests.NewSpanId(), root, "execute_tool", ("gen_ai.operation.name", "execute_tool")))), 2));
        }
        Assert.Equal(3 * traces, (await Task.WhenAll(writes)).Sum());
        await Task.Delay(Settings.QuietWindow * 2);

        // Both replicas sweep and both dispatchers drain, concurrently, until nothing is left.
        var evaluated = new int[2];
        var published = new ConcurrentBag<(string TraceId, int Revision)>();
        var work = replicas.Select((r, n) => Task.Run(() =>
        {
            for (var idle = 0; idle < 5;)
            {
                var due = r.Completion.Sweep(Settings);
                Interlocked.Add(ref evaluated[n], due);
                var pending = r.Outbox.Pending(25);
                foreach (var message in r.Outbox.Messages(pending).Cast<TracesFlagged>())
                    foreach (var digest in message.Traces) published.Add((digest.TraceId, digest.Revision));
                r.Outbox.MarkSent(pending.Select(p => p.Id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                idle = due == 0 && pending.Count == 0 ? idle + 1 : 0;
                Thread.Sleep(10);
            }
        })).ToArray();
        await Task.WhenAll(work);
        foreach (var r in replicas) await r.Writer.StopAsync(CancellationToken.None);

        // Each trace was evaluated by one replica only (the claim), completed once, with all three spans.
        Assert.Equal(traces, evaluated.Sum());
        foreach (var id in ids)
        {
            var row = replicas[0].Store.Find(id)!;
            Assert.Equal((TraceState.Completed, 1L, 3L), (row.State, row.Revision, row.Span_count));
        }
        // Each digest was published by one dispatcher, once.
        Assert.Equal(ids.Order(), published.Select(p => p.TraceId).Order());
        Assert.All(published, p => Assert.Equal(1, p.Revision));
    }

    [Fact]
    public async Task A_replica_whose_claim_lapsed_mid_evaluation_cannot_save_over_the_one_that_took_it_over()
    {
        var storage = engine.NewStorage();
        var (slow, other) = (new Replica(engine.NewDatabases(storage)), new Replica(engine.NewDatabases(storage)));
        var traceId = TestRequests.NewTraceId();
        var id = Convert.ToHexStringLower(traceId);
        await slow.Writer.StartAsync(CancellationToken.None);
        await slow.Writer.WriteAsync(TestRequests.Request(Failed(TestRequests.Span(traceId, TestRequests.NewSpanId(), null, "invoke_agent"))), 1);
        await slow.Writer.StopAsync(CancellationToken.None);
        await Task.Delay(Settings.QuietWindow * 2);
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // The slow replica claims the trace and starts evaluating it.
        var seen = Assert.Single(slow.Store.FindDue(nowMs, 200, 300_000, 10));
        Assert.Empty(other.Store.FindDue(nowMs, 200, 300_000, 10));
        var trace = SafeEvaluation.Evaluate(id, slow.Store.LoadSpans(id), [], NullLogger.Instance);
        // Its lease lapses (it stalled); the other replica takes the trace over and completes it.
        using (var c = slow.Database.Database.Open())
            c.Execute("UPDATE traces SET claimed_until_ms = 0 WHERE trace_id = @id", new { id });
        Assert.Equal(1, other.Completion.Sweep(Settings));

        // The slow replica's evaluation of the same revision arrives late and is not saved.
        var late = new TraceEvaluation(seen, trace, seen.Revision + 1, DigestBuilder.Build(trace, (int)seen.Revision + 1, DateTimeOffset.UtcNow));
        Assert.Empty(slow.Store.SaveEvaluations([late], nowMs));
        Assert.Equal(1, slow.Outbox.PendingCount());
        Assert.Equal(1L, slow.Store.Find(id)!.Revision);
    }
}
