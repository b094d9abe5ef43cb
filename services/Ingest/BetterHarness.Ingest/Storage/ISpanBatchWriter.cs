namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Writes a group of prepared requests in one transaction on the writer's own connection: SQLite with prepared inserts
/// (<see cref="SpanBatchWriter"/>), PostgreSQL with binary COPY (<see cref="PostgresSpanBatchWriter"/>). Either way a
/// retried request inserts nothing and does not move its trace's clock.
/// </summary>
internal interface ISpanBatchWriter : IDisposable
{
    /// <summary>Returns, per request (traces or logs), how many spans or events were newly stored.</summary>
    int[] Write(IEnumerable<PreparedRequest> requests, long nowMs);
}
