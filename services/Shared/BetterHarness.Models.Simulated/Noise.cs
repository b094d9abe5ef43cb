namespace BetterHarness.Models.Simulated;

/// <summary>
/// Seeded, stable noise: draws from (configured seed, the conversation, <c>ChatOptions.Seed</c>, the decision). Stable
/// across processes (no <c>string.GetHashCode</c>), so a resumed run or a re-run reproduces every answer; a new trial
/// seed re-draws, as sampling a real model would. The instructions as a whole are not a key: a rule that changes no
/// decision leaves every other decision's draw alone.
/// </summary>
internal static class Noise
{
    /// <summary>A standard normal draw (Box–Muller over two uniform draws).</summary>
    public static double Normal(int seed, ulong conversation, long? chatSeed, string decision)
    {
        var key = Mix((ulong)(uint)seed ^ conversation ^ Mix((ulong)(chatSeed ?? 0) + 0x9E3779B97F4A7C15UL) ^ Hash(decision));
        var u1 = ((key >> 11) + 1) * (1.0 / ((1UL << 53) + 1));
        var u2 = (Mix(key) >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
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
