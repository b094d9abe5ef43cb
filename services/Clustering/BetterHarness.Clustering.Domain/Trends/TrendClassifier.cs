namespace BetterHarness.Clustering.Domain.Trends;

/// <summary>
/// new: first seen within the last <see cref="TrendSettings.NewFor"/> buckets. growing: the recent buckets
/// average more than 1.5× the earlier ones. fading: less than half, or nothing recently. stable otherwise.
/// </summary>
public static class TrendClassifier
{
    public const string New = "new", Growing = "growing", Stable = "stable", Fading = "fading";

    public static string Status(TrendWindow window, TrendSettings settings)
    {
        var n = window.Counts.Count;
        if (window.FirstSeenBucket >= n - settings.NewFor) return New;
        var recent = window.Counts.Skip(n - settings.Recent).Average();
        var earlierCounts = window.Counts.Take(n - settings.Recent).Skip(Math.Max(0, window.FirstSeenBucket)).ToList();
        var earlier = earlierCounts.Count == 0 ? 0 : earlierCounts.Average();
        if (recent == 0) return Fading;
        if (recent > 1.5 * earlier && recent * settings.Recent >= 3) return Growing;
        if (recent < 0.5 * earlier) return Fading;
        return Stable;
    }

    /// <summary>Sort key for "most recently growing first": growing/new, then stable, then fading.</summary>
    public static int Rank(string status) => status switch { Growing => 0, New => 1, Stable => 2, _ => 3 };

    /// <summary>The current bucket's spike baseline, or null when it is no spike (see <see cref="TrendSettings"/>).</summary>
    public static double? Spike(TrendWindow window, TrendSettings settings)
    {
        var n = window.Counts.Count;
        // A cluster born in this bucket has no baseline: that is an emergence, not a spike.
        if (window.FirstSeenBucket >= n - 1) return null;
        var current = window.Counts[n - 1];
        var previous = window.Counts.Take(n - 1).Skip(Math.Max(0, window.FirstSeenBucket)).ToList();
        var baseline = previous.Count == 0 ? 0 : previous.Average();
        return current >= settings.SpikeMinCount && current >= settings.SpikeFactor * Math.Max(1, baseline) ? baseline : null;
    }
}
