using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Ingest.Otlp;

/// <summary>Limits applied to incoming OTLP payloads. Bind from configuration and validate at start-up.</summary>
public sealed record OtlpLimits
{
    /// <summary>64 MiB: the size the OTLP specification suggests receivers accept.</summary>
    public const long DefaultMaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>64 KiB: large enough for real prompts and tool results, small enough to store.</summary>
    public const int DefaultMaxAttributeValueBytes = 64 * 1024;

    /// <summary>Default nesting limit of OTLP/JSON bodies.</summary>
    public const int DefaultMaxJsonDepth = 64;

    /// <summary>
    /// Largest request body accepted, counted after decompression. Default 64 MiB
    /// (<see cref="DefaultMaxRequestBytes"/>). Larger bodies are refused with 413 / RESOURCE_EXHAUSTED.
    /// </summary>
    [Range(typeof(long), "1024", "2147483591")] // Array.MaxLength: the body must fit one array.
    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary>
    /// Largest string attribute value kept, in UTF-8 bytes. Default 64 KiB
    /// (<see cref="DefaultMaxAttributeValueBytes"/>). Longer values are cut at a character boundary and
    /// end with a "…[truncated N bytes]" marker, so the loss is visible downstream.
    /// </summary>
    [Range(256, int.MaxValue)]
    public int MaxAttributeValueBytes { get; init; } = DefaultMaxAttributeValueBytes;

    /// <summary>
    /// Deepest nesting of objects and arrays accepted in OTLP/JSON. Default 64
    /// (<see cref="DefaultMaxJsonDepth"/>); a span attribute's value sits at depth 10, so this leaves
    /// room for nested array and kvlist values while keeping the parser's recursion bounded.
    /// </summary>
    [Range(16, 256)]
    public int MaxJsonDepth { get; init; } = DefaultMaxJsonDepth;

    /// <summary>The defaults, for callers without configuration.</summary>
    public static OtlpLimits Default { get; } = new();
}
