using System.Globalization;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Harnesses;

/// <summary>
/// Attributes a trace to one of its agent's harness versions, in this order:
/// <list type="number">
/// <item>explicitly: a <c>betterharness.harness.version</c> or <c>gen_ai.agent.version</c> attribute (span or resource)
/// whose value is a version number the agent has (<c>3</c>, <c>v3</c> or the harness id <c>hv_agent_v3</c>);</item>
/// <item>by exact content: the fingerprint of the trace's system instructions and tool definitions equals exactly one
/// version's;</item>
/// <item>by near-match: word-3-shingle Jaccard similarity of at least <see cref="NearMatchThreshold"/> to a version,
/// and against every other version that close the trace holds at least two thirds of what only the winner has and at
/// most one third of what only the other has (so a templated date does not matter, while a one-sentence edit decides);</item>
/// <item>otherwise unknown, including two versions with the same content.</item>
/// </list>
/// </summary>
public sealed class HarnessAttributor(double nearMatchThreshold = HarnessAttributor.DefaultNearMatchThreshold)
{
    /// <summary>Jaccard similarity a near-match needs; chosen before any measurement, not fitted.</summary>
    public const double DefaultNearMatchThreshold = 0.8;

    public static IReadOnlyList<string> VersionAttributes { get; } = ["betterharness.harness.version", "gen_ai.agent.version"];

    public double NearMatchThreshold { get; } = nearMatchThreshold;

    public HarnessAttribution Attribute(string? declared, string? instructions, IReadOnlyList<ToolSpec> tools,
        IReadOnlyList<KnownHarnessVersion> versions)
    {
        if (versions.Count == 0)
            return new HarnessAttribution(null, HarnessAttribution.Unknown, null, Fingerprint(instructions, tools));
        if (ParseDeclared(declared) is { } number && versions.Any(v => v.Version == number))
            return new HarnessAttribution(number, HarnessAttribution.Attribute, null, null);
        var content = HarnessContent.Of(instructions, tools);
        if (content.IsEmpty) return new HarnessAttribution(null, HarnessAttribution.Unknown, null, null);
        var exact = versions.Where(v => v.Content.Fingerprint == content.Fingerprint).ToList();
        if (exact.Count == 1) return new HarnessAttribution(exact[0].Version, HarnessAttribution.Content, 1.0, content.Fingerprint);
        if (exact.Count > 1) return new HarnessAttribution(null, HarnessAttribution.Unknown, null, content.Fingerprint);
        return NearMatch(content, versions);
    }

    private HarnessAttribution NearMatch(HarnessContent trace, IReadOnlyList<KnownHarnessVersion> versions)
    {
        var close = versions.Select(v => (Version: v, Similarity: Jaccard(trace.Shingles, v.Content.Shingles)))
            .Where(x => x.Similarity >= NearMatchThreshold).OrderByDescending(x => x.Similarity).ToList();
        if (close.Count == 0) return new HarnessAttribution(null, HarnessAttribution.Unknown, null, trace.Fingerprint);
        var best = close[0];
        var decided = close.Skip(1).All(other => Beats(trace.Shingles, best.Version.Content.Shingles, other.Version.Content.Shingles));
        return decided
            ? new HarnessAttribution(best.Version.Version, HarnessAttribution.Content, Math.Round(best.Similarity, 4), trace.Fingerprint)
            : new HarnessAttribution(null, HarnessAttribution.Unknown, null, trace.Fingerprint);
    }

    /// <summary>The trace holds most of what only <paramref name="x"/> has and little of what only <paramref name="y"/> has.</summary>
    private static bool Beats(IReadOnlySet<ulong> trace, IReadOnlySet<ulong> x, IReadOnlySet<ulong> y)
    {
        int onlyX = 0, heldX = 0, onlyY = 0, heldY = 0;
        foreach (var s in x)
            if (!y.Contains(s)) { onlyX++; if (trace.Contains(s)) heldX++; }
        foreach (var s in y)
            if (!x.Contains(s)) { onlyY++; if (trace.Contains(s)) heldY++; }
        if (onlyX == 0 && onlyY == 0) return false;
        return (onlyX == 0 || heldX * 3 >= onlyX * 2) && (onlyY == 0 || heldY * 3 <= onlyY);
    }

    private static double Jaccard(IReadOnlySet<ulong> a, IReadOnlySet<ulong> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var both = small.Count(large.Contains);
        return (double)both / (a.Count + b.Count - both);
    }

    private static string? Fingerprint(string? instructions, IReadOnlyList<ToolSpec> tools)
    {
        if (string.IsNullOrWhiteSpace(instructions) && tools.Count == 0) return null;
        var content = HarnessContent.Of(instructions, tools);
        return content.IsEmpty ? null : content.Fingerprint;
    }

    /// <summary><c>3</c>, <c>v3</c>, <c>hv_{agent}_v3</c> → 3; anything else (e.g. a semver "1.0.0") → null.</summary>
    public static int? ParseDeclared(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared)) return null;
        var text = declared.Trim();
        if (text.StartsWith("hv_", StringComparison.Ordinal) && text.LastIndexOf("_v", StringComparison.Ordinal) is var at and > 2)
            text = text[(at + 2)..];
        else if (text.StartsWith('v') || text.StartsWith('V')) text = text[1..];
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }
}
