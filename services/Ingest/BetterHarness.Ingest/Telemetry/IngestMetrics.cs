using System.Diagnostics.Metrics;

namespace BetterHarness.Ingest.Telemetry;

/// <summary>
/// Counters instead of per-item logs (the Collector's rule): what was accepted, rejected, throttled,
/// completed and published. Exported with the services' own telemetry when configured.
/// </summary>
public sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "BetterHarness.Ingest";
    private readonly Meter _meter = new(MeterName);

    public IngestMetrics()
    {
        SpansAccepted = _meter.CreateCounter<long>("bh.ingest.spans.accepted", "{span}", "Spans stored.");
        SpansRejected = _meter.CreateCounter<long>("bh.ingest.spans.rejected", "{span}", "Invalid spans refused (partial success).");
        SpansDropped = _meter.CreateCounter<long>("bh.ingest.spans.dropped", "{request}", "Requests refused whole: throttled, too large, malformed.");
        ValuesTruncated = _meter.CreateCounter<long>("bh.ingest.attributes.truncated", "{value}", "Attribute values cut to the size cap.");
        TracesCompleted = _meter.CreateCounter<long>("bh.ingest.traces.completed", "{trace}", "Trace evaluations (including amendments).");
        OrphanSpans = _meter.CreateCounter<long>("bh.ingest.spans.orphan", "{span}", "Spans whose parent never arrived.");
        DigestsPublished = _meter.CreateCounter<long>("bh.ingest.digests.published", "{digest}", "Flagged-trace digests published.");
        LogEventsAccepted = _meter.CreateCounter<long>("bh.ingest.logs.events", "{record}", "GenAI event log records stored to join their spans.");
        LogRecordsIgnored = _meter.CreateCounter<long>("bh.ingest.logs.other", "{record}", "Log records accepted but not GenAI events of a trace (not stored).");
        LogRecordsRejected = _meter.CreateCounter<long>("bh.ingest.logs.rejected", "{record}", "Log records with invalid ids refused (partial success).");
    }

    public Counter<long> SpansAccepted { get; }
    public Counter<long> SpansRejected { get; }
    public Counter<long> SpansDropped { get; }
    public Counter<long> ValuesTruncated { get; }
    public Counter<long> TracesCompleted { get; }
    public Counter<long> OrphanSpans { get; }
    public Counter<long> DigestsPublished { get; }
    public Counter<long> LogEventsAccepted { get; }
    public Counter<long> LogRecordsIgnored { get; }
    public Counter<long> LogRecordsRejected { get; }

    /// <summary>Registers a queue-depth gauge (writer queue, in-flight bytes, outbox backlog).</summary>
    public void Gauge(string name, string unit, Func<long> read, string description) =>
        _meter.CreateObservableGauge(name, read, unit, description);

    public void Dispose() => _meter.Dispose();
}
