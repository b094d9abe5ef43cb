using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Storage.Compression;
using BetterHarness.Testing.Storage;
using Dapper;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Tests.Storage;

/// <summary>
/// Span content is stored compressed, reads back byte for byte, and rows from before compression stay readable: the same
/// tests on SQLite and on PostgreSQL (where the writer moves the rows with binary COPY).
/// </summary>
public abstract class CompressionTests(StoreEngine engine)
{
    private IngestDatabase NewDatabase() => IngestDatabase.Open(engine.NewDatabases());

    private static List<ExportTraceServiceRequest> AirlineRequests() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "taubench", "airline-sample.otlp.jsonl"))
            .Where(l => l.Length > 0).Select(l => OtlpJsonParser.Parse(System.Text.Encoding.UTF8.GetBytes(l)))];

    [Fact]
    public async Task Llm_trace_content_is_stored_at_under_a_third_of_its_otlp_size_and_read_back_unchanged()
    {
        var database = NewDatabase();
        var requests = AirlineRequests();
        await WriteAsync(database, requests);

        using var c = database.Database.Open();
        var stored = c.QuerySingle<long>("SELECT sum(length(payload)) FROM span_chunks");
        var otlp = requests.Sum(r => (long)r.CalculateSize());
        Assert.True(stored < 0.3 * otlp, $"stored {stored} bytes for {otlp} OTLP bytes");
        Assert.Equal([(long)PayloadEncoding.Zstd], c.Query<long>("SELECT DISTINCT encoding FROM span_chunks"));

        var store = new TraceStore(database);
        foreach (var request in requests)
        {
            var sent = request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans).ToList();
            var read = store.LoadSpans(Convert.ToHexStringLower(sent[0].TraceId.Span));
            Assert.Equal(sent.Count, read.Count);
            Assert.Equal(sent.Select(s => Convert.ToHexStringLower(s.SpanId.Span)).Order(), read.Select(s => s.SpanId).Order());
            var content = sent.SelectMany(s => s.Attributes).Where(a => a.Key == "gen_ai.input.messages").Select(a => a.Value.StringValue).ToHashSet();
            Assert.NotEmpty(content);
            Assert.Subset(content, read.SelectMany(s => s.Attributes).Where(a => a.Key == "gen_ai.input.messages").Select(a => (string)a.Value!).ToHashSet());
        }
    }

    [Fact]
    public async Task Rows_stored_before_compression_are_read_as_they_were()
    {
        var database = NewDatabase();
        var request = AirlineRequests()[0];
        var spans = request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans).ToList();
        var traceId = Convert.ToHexStringLower(spans[0].TraceId.Span);
        // The row exactly as the writer stored it before 006_compression.sql: no encoding column named.
        var chunk = new ScopeSpans();
        chunk.Spans.AddRange(spans);
        using (var c = database.Database.Open())
        {
            var origin = new ResourceSpans { Resource = request.ResourceSpans[0].Resource };
            origin.ScopeSpans.Add(new ScopeSpans { Scope = request.ResourceSpans[0].ScopeSpans[0].Scope });
            var originId = c.QuerySingle<long>("INSERT INTO origins (payload) VALUES (@p) RETURNING id", new { p = origin.ToByteArray() });
            c.Execute("INSERT INTO span_chunks (trace_id, chunk_key, origin_id, span_count, payload) VALUES (@t, @k, @o, @n, @p)",
                new { t = spans[0].TraceId.ToByteArray(), k = new byte[16], o = originId, n = spans.Count, p = chunk.ToByteArray() });
            c.Execute("INSERT INTO traces (trace_id, first_seen_ms, last_span_ms, span_count) VALUES (@traceId, 1, 1, @n)", new { traceId, n = spans.Count });
        }
        // A compressed chunk of the same trace next to it (late spans after an upgrade): both are read.
        var late = new Span(spans[^1]) { SpanId = ByteString.CopyFrom(1, 2, 3, 4, 5, 6, 7, 8) };
        await WriteAsync(database, [new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Spans = { late } } } } } }]);

        var read = new TraceStore(database).LoadSpans(traceId);
        Assert.Equal(spans.Count + 1, read.Count);
        Assert.Contains(read, s => s.SpanId == "0102030405060708");
    }

    [Fact]
    public void Payloads_too_small_to_gain_are_stored_as_protobuf()
    {
        var (encoding, bytes) = PayloadCodec.Encode([1, 2, 3]);
        Assert.Equal(PayloadEncoding.Protobuf, encoding);
        Assert.Equal([1, 2, 3], PayloadCodec.Decode(encoding, bytes).ToArray());
    }

    [Fact]
    public void An_unknown_encoding_is_an_error_not_garbage()
    {
        Assert.Throws<InvalidDataException>(() => PayloadCodec.Decode((PayloadEncoding)7, [1]).ToArray());
    }

    private static async Task WriteAsync(IngestDatabase database, IEnumerable<ExportTraceServiceRequest> requests)
    {
        var writer = new SpanWriter(database, NullLogger<SpanWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        foreach (var request in requests)
            await writer.WriteAsync(request, request.ResourceSpans.SelectMany(r => r.ScopeSpans).Sum(s => s.Spans.Count));
        await writer.StopAsync(CancellationToken.None);
    }
}

public sealed class CompressionOnSqlite(SqliteEngine engine) : CompressionTests(engine), IClassFixture<SqliteEngine>;

public sealed class CompressionOnPostgres(PostgresEngine engine) : CompressionTests(engine), IClassFixture<PostgresEngine>;
