using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Receiving;

/// <summary>
/// Bounds the request bytes being decoded or waiting for a commit. Over the bound a request is refused
/// at once with a retryable status (HTTP 429 + Retry-After, gRPC UNAVAILABLE), so a burst costs clients a
/// retry instead of costing the service unbounded memory.
/// </summary>
public sealed class AdmissionControl(IOptions<IngestOptions> options)
{
    /// <summary>Charged for a body of unknown length (chunked): the typical exporter batch is well below it.</summary>
    public const long UnknownLengthCharge = 4L * 1024 * 1024;
    private long _inFlight;

    public long InFlightBytes => Interlocked.Read(ref _inFlight);

    public bool TryAdmit(long bytes, out Admission admission)
    {
        var limit = options.Value.MaxInFlightBytes;
        var total = Interlocked.Add(ref _inFlight, bytes);
        // A single request larger than the whole budget is still admitted when nothing else is in flight,
        // otherwise it could never be served; the request size limit bounds it.
        if (total > limit && total != bytes)
        {
            Interlocked.Add(ref _inFlight, -bytes);
            admission = default;
            return false;
        }
        admission = new Admission(this, bytes);
        return true;
    }

    private void Release(long bytes) => Interlocked.Add(ref _inFlight, -bytes);

    public readonly struct Admission(AdmissionControl owner, long bytes) : IDisposable
    {
        public void Dispose() => owner?.Release(bytes);
    }
}
