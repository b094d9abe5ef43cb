namespace BetterHarness.Integration.Tests;

/// <summary>Trace files the process tests replay, found from the repository root.</summary>
internal static class Fixtures
{
    /// <summary>Twelve tau-bench airline conversations as OTLP/JSON lines (MIT, see that folder's README).</summary>
    public static string TauBenchAirlineSample() =>
        Path.Combine(RepositoryRoot(), "tests", "BetterHarness.Ingest.Tests", "Fixtures", "taubench", "airline-sample.otlp.jsonl");

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BetterHarness.sln"))) return dir.FullName;
        throw new InvalidOperationException("BetterHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
