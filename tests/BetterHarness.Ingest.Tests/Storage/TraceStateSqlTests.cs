using System.Reflection;
using BetterHarness.Ingest.Storage;

namespace BetterHarness.Ingest.Tests.Storage;

/// <summary>The one SQL literal of the trace states matches the enum and the partial indexes it must repeat.</summary>
public sealed class TraceStateSqlTests
{
    [Fact]
    public void Open_or_amended_literal_names_the_enum_values()
    {
        var fromEnum = $"state IN ({(int)TraceState.Open}, {(int)TraceState.Amended})";
        Assert.Equal(TraceStateSql.OpenOrAmended, fromEnum);
    }

    [Fact]
    public void Partial_indexes_use_the_same_condition_text_on_both_engines()
    {
        var assembly = typeof(TraceStore).Assembly;
        // SQLite's Migrations/001_ingest.sql and PostgreSQL's Migrations/postgres/001_ingest.sql.
        var resources = assembly.GetManifestResourceNames().Where(n => n.EndsWith("001_ingest.sql", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, resources.Count);
        foreach (var resource in resources)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var sql = reader.ReadToEnd();
            Assert.Contains($"traces_quiet ON traces (state, root_ended, last_span_ms) WHERE {TraceStateSql.OpenOrAmended};", sql);
            Assert.Contains($"traces_age ON traces (state, first_seen_ms) WHERE {TraceStateSql.OpenOrAmended};", sql);
        }
    }
}
