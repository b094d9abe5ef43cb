namespace BetterHarness.Optimizer.Domain.Models.Simulation;

/// <summary>
/// Seeded, stable noise: a uniform draw in [0, 1) from (seed, case, trial, harness). Stable across processes
/// (no <c>string.GetHashCode</c>), so a resumed run or a re-run with the same seed reproduces every outcome,
/// while any edit of the harness re-draws — as a real model's sampling would.
/// </summary>
internal static class Noise
{
    public static double Draw(int seed, string caseId, int trial, ulong harness)
    {
        var x = Mix((ulong)(uint)seed ^ Hash(caseId) ^ Mix((ulong)trial + 0x9E3779B97F4A7C15UL) ^ harness);
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>FNV-1a over UTF-16 code units, finished with a mix.</summary>
    public static ulong Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text) { h ^= c; h *= 1099511628211UL; }
        return Mix(h);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
