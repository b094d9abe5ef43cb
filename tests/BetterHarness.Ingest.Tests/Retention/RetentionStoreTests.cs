using BetterHarness.Contracts;
using BetterHarness.Ingest.Retention;
using BetterHarness.Ingest.Storage;
using BetterHarness.Testing;
using BetterHarness.Testing.Storage;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BetterHarness.Ingest.Tests.Retention;

/// <summary>
/// Retention on a real ingest store, SQLite and PostgreSQL: what is deleted, what is kept (pins, per-agent days), and the
/// space given back (SQLite: the file shrinks) or reused (PostgreSQL: the tables stop growing).
/// </summary>
public abstract class RetentionStoreTests
{
    protected static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    protected readonly IngestDatabase _database;

    protected RetentionStoreTests(StoreEngine engine) => _database = IngestDatabase.Open(engine.NewDatabases());

    /// <summary>Stores a trace of <paramref name="agent"/> with <paramref name="spans"/> spans, completed <paramref name="daysAgo"/> days before <see cref="Now"/>.</summary>
    /// <param name="randomContent">Characters of incompressible content per span instead of repetitive text.</param>
    protected async Task<string> StoreAsync(string agent, double daysAgo, int spans = 3, int randomContent = 0)
    {
        var traceId = TestRequests.NewTraceId();
        var root = TestRequests.NewSpanId();
        var request = TestRequests.Request([TestRequests.Span(traceId, root, null, "invoke_agent", ("gen_ai.agent.name", agent)),
            .. Enumerable.Range(1, spans - 1).Select(i => TestRequests.Span(traceId, TestRequests.NewSpanId(), root, "chat", ("gen_ai.input.messages", randomContent > 0
                ? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(randomContent / 2)) : new string('x', 400))))]);
        var writer = new SpanWriter(_database, NullLogger<SpanWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.WriteAsync(request, spans);
        await writer.StopAsync(CancellationToken.None);
        var id = Convert.ToHexStringLower(traceId);
        using var c = _database.Database.Open();
        c.Execute("UPDATE traces SET state = @completed, agent_name = @agent, completed_ms = @ms WHERE trace_id = @id",
            new { completed = TraceState.Completed, agent, ms = (Now - TimeSpan.FromDays(daysAgo)).ToUnixTimeMilliseconds(), id });
        c.Execute("INSERT INTO signals (trace_id, ordinal, kind, evidence) VALUES (@id, 0, 'error_status', 'boom')", new { id });
        return id;
    }

    protected RetentionWorker Worker(RetentionOptions options) => new(new RetentionStore(_database),
        new SpanWriter(_database, NullLogger<SpanWriter>.Instance), Options.Create(options), Options.Create(new IngestOptions()),
        new FakeTimeProvider(Now), NullLogger<RetentionWorker>.Instance);

    protected long Count(string table, string traceId)
    {
        using var c = _database.Database.Open();
        return table is "span_chunks" or "log_events"
            ? c.ExecuteScalar<long>($"SELECT count(*) FROM {table} WHERE trace_id = @id", new { id = Convert.FromHexString(traceId) })
            : c.ExecuteScalar<long>($"SELECT count(*) FROM {table} WHERE trace_id = @traceId", new { traceId });
    }

    [Fact]
    public async Task A_trace_past_its_age_loses_spans_signals_and_row_and_leaves_a_tombstone()
    {
        var old = await StoreAsync("airline", daysAgo: 31);
        var recent = await StoreAsync("airline", daysAgo: 29);

        var pass = await Worker(new RetentionOptions { Traces = 30 }).RunAsync(CancellationToken.None);

        Assert.Equal(1, pass.Traces);
        Assert.Equal(3, pass.Spans);
        foreach (var table in new[] { "span_chunks", "signals", "traces" }) Assert.Equal(0, Count(table, old));
        Assert.Equal(1, Count("traces", recent));
        Assert.Equal(3, new TraceStore(_database).LoadSpans(recent).Count);
        Assert.Equal(Now, new RetentionStore(_database).ExpiredAt(old));
        Assert.Null(new RetentionStore(_database).ExpiredAt(recent));
    }

    [Fact]
    public async Task A_per_agent_setting_overrides_the_default_both_ways()
    {
        var keptLonger = await StoreAsync("airline", daysAgo: 5);
        var cutShorter = await StoreAsync("retail", daysAgo: 2);
        var byDefault = await StoreAsync("other", daysAgo: 5);
        var forever = await StoreAsync("audit", daysAgo: 5000);

        var options = new RetentionOptions { Traces = 3, Agents = new() { ["airline"] = 10, ["retail"] = 1, ["audit"] = 0 } };
        var pass = await Worker(options).RunAsync(CancellationToken.None);

        Assert.Equal(2, pass.Traces);
        Assert.Equal(1, Count("traces", keptLonger));
        Assert.Equal(0, Count("traces", cutShorter));
        Assert.Equal(0, Count("traces", byDefault));
        Assert.Equal(1, Count("traces", forever));
    }

    [Fact]
    public async Task A_pinned_trace_is_kept_until_its_last_holder_releases_it_and_an_older_fact_changes_nothing()
    {
        var traceId = await StoreAsync("airline", daysAgo: 40);
        var pins = new TracePinStore(_database);
        pins.Apply(new TracePinsChanged { Holder = "candidate:cand_a", TraceIds = [traceId], Pinned = true, At = Now.AddDays(-40) });
        pins.Apply(new TracePinsChanged { Holder = "candidate:cand_b", TraceIds = [traceId], Pinned = true, At = Now.AddDays(-39) });
        var worker = Worker(new RetentionOptions { Traces = 30 });

        pins.Apply(new TracePinsChanged { Holder = "candidate:cand_a", TraceIds = [traceId], Pinned = false, At = Now.AddDays(-1) });
        Assert.Equal(0, (await worker.RunAsync(CancellationToken.None)).Traces);
        // A redelivered, older "pinned" for cand_a does not pin it again.
        pins.Apply(new TracePinsChanged { Holder = "candidate:cand_a", TraceIds = [traceId], Pinned = true, At = Now.AddDays(-40) });
        Assert.Equal(["candidate:cand_b"], pins.Holders(traceId));

        pins.Apply(new TracePinsChanged { Holder = "candidate:cand_b", TraceIds = [traceId], Pinned = false, At = Now });
        Assert.Equal(1, (await worker.RunAsync(CancellationToken.None)).Traces);
        Assert.Equal(0, Count("span_chunks", traceId));
    }

    [Fact]
    public void Settings_out_of_range_fail_at_start_up_naming_the_setting()
    {
        var result = new RetentionOptionsValidator().Validate(null,
            new RetentionOptions { Agents = new() { ["airline"] = -1 }, Interval = TimeSpan.Zero });
        Assert.True(result.Failed);
        Assert.Contains("BetterHarness:Retention:Agents:airline", result.FailureMessage);
        Assert.Contains("BetterHarness:Retention:Interval", result.FailureMessage);
        Assert.True(new RetentionOptionsValidator().Validate(null, new RetentionOptions()).Succeeded);
    }
}

public sealed class RetentionOnSqlite(SqliteEngine engine) : RetentionStoreTests(engine), IClassFixture<SqliteEngine>
{
    [Fact]
    public async Task Deletes_run_in_batches_until_nothing_is_left_and_the_file_gives_the_pages_back()
    {
        var ids = new List<string>();
        for (var i = 0; i < 25; i++) ids.Add(await StoreAsync("airline", daysAgo: 31 + i % 3, spans: 20));
        var store = new RetentionStore(_database);
        Assert.True(store.CanShrink(), "a new ingest.db is created with auto_vacuum = INCREMENTAL");

        var pass = await Worker(new RetentionOptions { Traces = 30, BatchSize = 4 }).RunAsync(CancellationToken.None);

        Assert.Equal(25, pass.Traces);
        Assert.All(ids, id => Assert.Equal(0, Count("span_chunks", id)));
        Assert.True(pass.BytesAfter < pass.BytesBefore, $"file {pass.BytesBefore} → {pass.BytesAfter} bytes");
        Assert.Equal(0, store.Size().FreePages);
    }

}

public sealed class RetentionOnPostgres(PostgresEngine engine) : RetentionStoreTests(engine), IClassFixture<PostgresEngine>
{
    [Fact]
    public async Task Deletes_run_in_batches_until_nothing_is_left_and_the_next_spans_reuse_the_space()
    {
        // The same traces twice: the second round, stored after the first aged out, fills the space the first left.
        var store = new RetentionStore(_database);
        Assert.False(store.CanShrink(), "PostgreSQL reuses freed space; it does not give it back");
        var first = new List<string>();
        for (var i = 0; i < 40; i++) first.Add(await StoreAsync("airline", daysAgo: 31 + i % 3, spans: 20, randomContent: 2000));
        var pass = await Worker(new RetentionOptions { Traces = 30, BatchSize = 4 }).RunAsync(CancellationToken.None);
        Assert.Equal(40, pass.Traces);
        Assert.All(first, id => Assert.Equal(0, Count("span_chunks", id)));
        var afterFirst = pass.BytesAfter;

        for (var i = 0; i < 40; i++) await StoreAsync("airline", daysAgo: 31 + i % 3, spans: 20, randomContent: 2000);
        var again = await Worker(new RetentionOptions { Traces = 30, BatchSize = 4 }).RunAsync(CancellationToken.None);

        Assert.Equal(40, again.Traces);
        // Without the pass's VACUUM the second round's rows would be appended: the heap and TOAST would grow by the first
        // round's size again. A little growth is index pages and the tombstones.
        Assert.True(again.BytesBefore < afterFirst * 1.25, $"{afterFirst} bytes after the first pass, {again.BytesBefore} once the same spans came again");
    }
}
