namespace BetterHarness.Ingest.Storage.Compression;

/// <summary>
/// How a stored payload's bytes are encoded: the <c>encoding</c> column of <c>span_chunks</c> and <c>log_events</c>
/// (006_compression.sql). Rows written before compression have the column's default, <see cref="Protobuf"/>, so they
/// are read as they always were and nothing is migrated.
/// </summary>
public enum PayloadEncoding
{
    /// <summary>The protobuf message as received (ScopeSpans for span chunks, LogRecord for log events).</summary>
    Protobuf = 0,
    /// <summary>The protobuf message in one zstd frame (content size in the frame header).</summary>
    Zstd = 1,
}
