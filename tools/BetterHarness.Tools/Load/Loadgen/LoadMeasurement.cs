using System.Collections.Concurrent;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// What the measured part of a run achieved. Counters are shared (one interlocked add per request is
/// negligible next to a request); latencies go to per-sender lists so recording them needs no lock.
/// </summary>
public sealed class LoadMeasurement
{
    private readonly ConcurrentBag<List<double>> _latencyLists = [];
    private long _requestsOk, _spansOk, _bytesOk, _rejectedSpans, _throttled, _failed;
    private string? _firstError;

    public long RequestsOk => Interlocked.Read(ref _requestsOk);
    public long SpansOk => Interlocked.Read(ref _spansOk);
    public long BytesOk => Interlocked.Read(ref _bytesOk);
    public long RejectedSpans => Interlocked.Read(ref _rejectedSpans);
    public long Throttled => Interlocked.Read(ref _throttled);
    public long Failed => Interlocked.Read(ref _failed);
    public string? FirstError => _firstError;

    /// <summary>Seconds from the end of warm-up to the last measured response; set when the run ends.</summary>
    public double Seconds { get; set; }

    public List<double> NewLatencyList()
    {
        var list = new List<double>(4096);
        _latencyLists.Add(list);
        return list;
    }

    public void RecordOk(int spans, int bytes, long rejected, double latencyMs, List<double> latencies)
    {
        Interlocked.Increment(ref _requestsOk);
        // Rejected spans were not stored, so they do not count towards the durable rate.
        Interlocked.Add(ref _spansOk, spans - rejected);
        Interlocked.Add(ref _bytesOk, bytes);
        Interlocked.Add(ref _rejectedSpans, rejected);
        latencies.Add(latencyMs);
    }

    public void RecordThrottled() => Interlocked.Increment(ref _throttled);

    public void RecordFailed(string? error)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstError, error, null);
    }

    /// <summary>Latency percentile (0–100) over all successful measured requests, by nearest rank.</summary>
    public double LatencyPercentile(double percentile)
    {
        var all = _latencyLists.SelectMany(l => l).Order().ToArray();
        if (all.Length == 0) return 0;
        var rank = (int)Math.Ceiling(percentile / 100 * all.Length) - 1;
        return all[Math.Clamp(rank, 0, all.Length - 1)];
    }
}
