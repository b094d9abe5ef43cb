using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>Builds a few distinct request templates for a profile, once, before the run.</summary>
public static class TemplateBuilder
{
    public static IReadOnlyList<RequestTemplate> Build(ILoadProfile profile, int spansPerRequest, int count)
    {
        var rng = new Random();
        return Enumerable.Range(0, count).Select(_ => BuildOne(profile, spansPerRequest, rng)).ToArray();
    }

    private static RequestTemplate BuildOne(ILoadProfile profile, int spansPerRequest, Random rng)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "bh-loadgen", Version = "1" } };
        var traceIds = new List<byte[]>();
        var start = SyntheticSpan.NowNanos();
        while (scope.Spans.Count < spansPerRequest)
        {
            var traceId = SyntheticSpan.RandomId(rng, 16);
            var trace = profile.BuildTrace(traceId, start, rng);
            // The last trace is cut to fit; its root comes first so it stays a proper trace.
            scope.Spans.AddRange(trace.Take(spansPerRequest - scope.Spans.Count));
            traceIds.Add(traceId.ToByteArray());
        }
        var request = new ExportTraceServiceRequest
        {
            ResourceSpans = { new ResourceSpans { Resource = profile.Resource(), ScopeSpans = { scope } } },
        };
        return RequestTemplate.Create(request.ToByteArray(), traceIds, spansPerRequest);
    }
}
