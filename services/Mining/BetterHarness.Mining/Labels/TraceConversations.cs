using BetterHarness.Contracts;
using BetterHarness.Mining.Storage;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Mining.Labels;

/// <summary>
/// The conversation of a trace, for a label: ingest's whole trace when ingest answers (the numbering the trace page
/// shows), else the digest mining kept when it is whole. Ingest sends at most <see cref="DigestMessageCap"/> messages
/// per digest, cutting the middle of longer ones, so a digest that long cannot number user turns reliably.
/// </summary>
public sealed class TraceConversations(DigestArchive archive, IngestTraces ingest, ILogger<TraceConversations> logger)
{
    public const int DigestMessageCap = 50;

    /// <summary>The trace, or null when neither ingest nor mining knows it. Throws <see cref="IngestUnavailableException"/>
    /// when ingest cannot be reached and mining has no whole digest of it.</summary>
    public async Task<TraceDigest?> FindAsync(string traceId, CancellationToken ct)
    {
        try
        {
            if (await ingest.GetAsync(traceId, ct) is { } whole) return whole;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidDataException && !ct.IsCancellationRequested)
        {
            if (archive.Find(traceId) is { } kept && kept.Messages.Count < DigestMessageCap) return kept;
            logger.LogWarning("Reading trace {TraceId} from ingest failed: {Error}", traceId, e.Message);
            throw new IngestUnavailableException($"ingest's API could not be read for trace {traceId} ({e.Message}); try again shortly");
        }
        return archive.Find(traceId) is { } digest && digest.Messages.Count < DigestMessageCap ? digest : null;
    }
}

public sealed class IngestUnavailableException(string message) : Exception(message);
