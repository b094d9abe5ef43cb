namespace BetterHarness.Ingest.Domain.Harnesses;

/// <summary>
/// Which harness version a trace ran, and how that is known: <see cref="Attribute"/> (the agent said so on a span
/// or its resource), <see cref="Content"/> (its instructions and tools are a stored version's, exactly or by
/// near-match) or <see cref="Unknown"/> (neither: counted, never guessed).
/// </summary>
/// <param name="Version">The version, or null when unknown.</param>
/// <param name="Kind">attribute, content or unknown.</param>
/// <param name="Similarity">For content: 1 for an exact match, else the near-match's Jaccard similarity.</param>
/// <param name="Fingerprint">The trace's content fingerprint (null when it carried no instructions or tools), kept so
/// a version learned later can claim traces with exactly its content.</param>
public sealed record HarnessAttribution(int? Version, string Kind, double? Similarity, string? Fingerprint)
{
    public const string Attribute = "attribute";
    public const string Content = "content";
    public const string Unknown = "unknown";

    public static IReadOnlyList<string> Kinds { get; } = [Attribute, Content, Unknown];
}
