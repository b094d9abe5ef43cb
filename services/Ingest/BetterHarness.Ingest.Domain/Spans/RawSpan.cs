namespace BetterHarness.Ingest.Domain.Spans;

/// <summary>
/// One span as received, independent of the wire format (OTLP protobuf or JSON).
/// Ids are lowercase hex. Attribute values are string, long, double, bool, byte[] (bytes),
/// IReadOnlyList&lt;object?&gt; (array) or IReadOnlyDictionary&lt;string, object?&gt; (kvlist).
/// </summary>
public sealed record RawSpan
{
    public required string TraceId { get; init; }
    public required string SpanId { get; init; }
    public string? ParentSpanId { get; init; }
    public required string Name { get; init; }
    public SpanKind Kind { get; init; }
    public long StartUnixNano { get; init; }
    public long EndUnixNano { get; init; }
    public SpanStatusCode StatusCode { get; init; }
    public string? StatusMessage { get; init; }
    public IReadOnlyDictionary<string, object?> Attributes { get; init; } = Empty;
    public IReadOnlyList<RawSpanEvent> Events { get; init; } = [];
    public IReadOnlyList<RawSpanLink> Links { get; init; } = [];
    /// <summary>Attributes of the resource that emitted the span (service.name, …).</summary>
    public IReadOnlyDictionary<string, object?> Resource { get; init; } = Empty;
    public string? ScopeName { get; init; }

    public static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();
}

public sealed record RawSpanEvent(string Name, long TimeUnixNano, IReadOnlyDictionary<string, object?> Attributes);

public sealed record RawSpanLink(string TraceId, string SpanId, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>Same numbering as OTLP's Span.SpanKind.</summary>
public enum SpanKind { Unspecified = 0, Internal = 1, Server = 2, Client = 3, Producer = 4, Consumer = 5 }

/// <summary>Same numbering as OTLP's Status.StatusCode.</summary>
public enum SpanStatusCode { Unset = 0, Ok = 1, Error = 2 }
