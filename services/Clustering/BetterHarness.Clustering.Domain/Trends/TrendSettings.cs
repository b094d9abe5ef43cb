namespace BetterHarness.Clustering.Domain.Trends;

/// <param name="Bucket">Length of one time bucket.</param>
/// <param name="History">Buckets looked at for trends and spikes (the current one included).</param>
/// <param name="Recent">The last buckets compared against the ones before them.</param>
/// <param name="NewFor">A cluster first seen within this many buckets is "new".</param>
/// <param name="SpikeFactor">Current bucket at least this many times the baseline mean is a spike…</param>
/// <param name="SpikeMinCount">…and at least this many failures, so 1 → 3 is not an alert.</param>
public sealed record TrendSettings(
    TimeSpan Bucket, int History = 24, int Recent = 3, int NewFor = 3, double SpikeFactor = 3, int SpikeMinCount = 10);
