#:project ../../services/Ingest/BetterHarness.Ingest/BetterHarness.Ingest.csproj
#:property TreatWarningsAsErrors=true
// Compression of stored span payloads on real LLM traces: every codec and level the store could use, on the payloads
// the store really writes (one ScopeSpans per trace per request), and on one-span chunks (an exporter that sends each
// span on its own: the worst case for per-chunk compression). Ratios are against the OTLP/protobuf request size.
// Usage: dotnet run benchmarks/compression/measure.cs -- [path/to/traces.otlp.jsonl]
using System.Diagnostics;
using System.IO.Compression;
using BetterHarness.Ingest.Otlp;
using Google.Protobuf;
using OpenTelemetry.Proto.Trace.V1;
using ZstdSharp;

var path = args.Length > 0 ? args[0] : "/work/shared/data/taubench-airline.otlp.jsonl";
var requests = File.ReadLines(path).Where(l => l.Length > 0)
    .Select(l => OtlpJsonParser.Parse(System.Text.Encoding.UTF8.GetBytes(l))).ToList();
long otlpBytes = requests.Sum(r => (long)r.CalculateSize());
// What the store writes per trace (resource and scope go to `origins`, once).
var traceChunks = requests.Select(r => Chunk(r.ResourceSpans.SelectMany(rs => rs.ScopeSpans).SelectMany(s => s.Spans))).ToList();
var spanChunks = requests.SelectMany(r => r.ResourceSpans.SelectMany(rs => rs.ScopeSpans).SelectMany(s => s.Spans)).Select(s => Chunk([s])).ToList();
var half = requests.Count / 2;
Console.WriteLine($"traces={requests.Count} spans={spanChunks.Count} otlp_protobuf_bytes={otlpBytes} stored_uncompressed_bytes={traceChunks.Sum(c => (long)c.Length)}");
Console.WriteLine("Dictionary rows: trained on the first half of the traces, sizes and costs on the second half only (ratio against that half's OTLP bytes).");
Console.WriteLine();
Console.WriteLine($"{"codec",-22} {"chunks",-6} {"ratio",7} {"write MB/s",10} {"read MB/s",10} {"parse-only MB/s",15}");

Row("none", "trace", traceChunks, otlpBytes, b => b, b => b);
foreach (var level in new[] { 1, 3, 6, 9, 19 })
{
    using var c = new Compressor(level); using var d = new Decompressor();
    Row($"zstd {level}", "trace", traceChunks, otlpBytes, b => c.Wrap(b).ToArray(), b => d.Unwrap(b).ToArray());
}
foreach (var quality in new[] { 1, 4, 6, 9, 11 })
    Row($"brotli {quality} (w22)", "trace", traceChunks, otlpBytes, b => Brotli(b, quality), Unbrotli);
foreach (var level in new[] { 3, 19 })
{
    using var c = new Compressor(level); using var d = new Decompressor();
    Row($"zstd {level}", "span", spanChunks, otlpBytes, b => c.Wrap(b).ToArray(), b => d.Unwrap(b).ToArray());
}
Row("brotli 6 (w22)", "span", spanChunks, otlpBytes, b => Brotli(b, 6), Unbrotli);
// A trained dictionary: honest split, trained on traces the rows below never score.
var secondHalfOtlp = requests.Skip(half).Sum(r => (long)r.CalculateSize());
var trainSpans = requests.Take(half).SelectMany(r => r.ResourceSpans.SelectMany(rs => rs.ScopeSpans).SelectMany(s => s.Spans)).Select(s => Chunk([s])).ToList();
var scoreSpans = requests.Skip(half).SelectMany(r => r.ResourceSpans.SelectMany(rs => rs.ScopeSpans).SelectMany(s => s.Spans)).Select(s => Chunk([s])).ToList();
var dict = DictBuilder.TrainFromBuffer(trainSpans, 112 * 1024).ToArray();
foreach (var level in new[] { 3, 19 })
{
    using var c = new Compressor(level); c.LoadDictionary(dict);
    using var d = new Decompressor(); d.LoadDictionary(dict);
    Row($"zstd {level} + 112K dict", "span", scoreSpans, secondHalfOtlp, b => c.Wrap(b).ToArray(), b => d.Unwrap(b).ToArray());
    Row($"zstd {level} + 112K dict", "trace", traceChunks.Skip(half).ToList(), secondHalfOtlp, b => c.Wrap(b).ToArray(), b => d.Unwrap(b).ToArray());
}

static byte[] Chunk(IEnumerable<Span> spans)
{
    var chunk = new ScopeSpans();
    chunk.Spans.AddRange(spans);
    return chunk.ToByteArray();
}

static byte[] Brotli(byte[] input, int quality)
{
    var output = new byte[BrotliEncoder.GetMaxCompressedLength(input.Length)];
    if (!BrotliEncoder.TryCompress(input, output, out var written, quality, 22)) throw new InvalidOperationException("brotli");
    return output[..written];
}

static byte[] Unbrotli(byte[] input)
{
    using var source = new BrotliStream(new MemoryStream(input), CompressionMode.Decompress);
    using var target = new MemoryStream(input.Length * 6);
    source.CopyTo(target);
    return target.ToArray();
}

// Write: compress every chunk. Read: decompress and parse every chunk (what a trace read does). Best of 3 passes.
static void Row(string codec, string granularity, List<byte[]> chunks, long otlpBytes, Func<byte[], byte[]> encode, Func<byte[], byte[]> decode)
{
    long raw = chunks.Sum(c => (long)c.Length);
    byte[][] stored = [.. chunks.Select(encode)];
    for (var i = 0; i < chunks.Count; i++)
        if (!decode(stored[i]).AsSpan().SequenceEqual(chunks[i])) throw new InvalidOperationException($"{codec}: round trip differs");
    double write = Best(() => { foreach (var c in chunks) encode(c); });
    double read = Best(() => { foreach (var s in stored) ScopeSpans.Parser.ParseFrom(decode(s)); });
    double parse = Best(() => { foreach (var c in chunks) ScopeSpans.Parser.ParseFrom(c); });
    long size = stored.Sum(s => (long)s.Length);
    Console.WriteLine($"{codec,-22} {granularity,-6} {(double)size / otlpBytes,7:0.000} {raw / write / 1e6,10:0} {raw / read / 1e6,10:0} {raw / parse / 1e6,15:0}");
}

static double Best(Action pass)
{
    var best = double.MaxValue;
    for (var i = 0; i < 3; i++)
    {
        var sw = Stopwatch.StartNew();
        pass();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }
    return best;
}
