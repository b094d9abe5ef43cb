using System.Diagnostics;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// The ceiling for ingest: how fast one thread can merely parse the same payload. Comparing the durable
/// rate against it shows how much of the cost is storage and pipeline rather than decoding. It runs
/// before the load so it does not compete with the server for the cores.
/// </summary>
public static class ParseOnlyBenchmark
{
    public static double SpansPerSecond(IReadOnlyList<RequestTemplate> templates, TimeSpan duration)
    {
        Run(templates, TimeSpan.FromMilliseconds(300)); // let tiered JIT settle before measuring
        return Run(templates, duration);
    }

    private static double Run(IReadOnlyList<RequestTemplate> templates, TimeSpan duration)
    {
        long spans = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var template = templates[i % templates.Count];
            var request = ExportTraceServiceRequest.Parser.ParseFrom(template.Bytes);
            // Touch the result so the parse is observably used.
            spans += request.ResourceSpans.Count > 0 ? template.SpanCount : 0;
        }
        return spans / clock.Elapsed.TotalSeconds;
    }
}
