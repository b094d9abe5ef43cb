using Google.Protobuf;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// Metadata-only agent traces (~200 bytes a span, 5–10 spans a trace): an invoke_agent root with chat and
/// execute_tool children. Measures the per-span cost of the pipeline without content.
/// </summary>
public sealed class SmallProfile : ILoadProfile
{
    private static readonly string[] Models = ["gpt-4o-mini", "claude-3-5-haiku", "gemini-2.0-flash"];
    private static readonly string[] Tools = ["lookup_order", "search_docs", "send_email", "get_weather"];

    public string Name => "small";

    public int DefaultSpansPerRequest => 500;

    public Resource Resource() => new() { Attributes = { Attr.Str("service.name", "loadgen-small-agent") } };

    public IReadOnlyList<Span> BuildTrace(ByteString traceId, ulong startNanos, Random rng)
    {
        const ulong Ms = 1_000_000;
        var count = rng.Next(5, 11);
        var root = SyntheticSpan.Create(traceId, null, "invoke_agent support-agent", startNanos, (ulong)count * 200 * Ms, rng);
        root.Attributes.Add(Attr.Str("gen_ai.operation.name", "invoke_agent"));
        root.Attributes.Add(Attr.Str("gen_ai.agent.name", "support-agent"));
        var spans = new List<Span>(count) { root };
        var model = Models[rng.Next(Models.Length)];
        for (var i = 1; i < count; i++)
        {
            var start = startNanos + (ulong)i * 200 * Ms;
            if (i % 2 == 1)
            {
                var chat = SyntheticSpan.Create(traceId, root, "chat " + model, start, 150 * Ms, rng);
                chat.Attributes.Add(Attr.Str("gen_ai.operation.name", "chat"));
                chat.Attributes.Add(Attr.Str("gen_ai.request.model", model));
                chat.Attributes.Add(Attr.Int("gen_ai.usage.input_tokens", rng.Next(200, 4000)));
                chat.Attributes.Add(Attr.Int("gen_ai.usage.output_tokens", rng.Next(10, 400)));
                spans.Add(chat);
            }
            else
            {
                var tool = Tools[rng.Next(Tools.Length)];
                var call = SyntheticSpan.Create(traceId, root, "execute_tool " + tool, start, 40 * Ms, rng);
                call.Attributes.Add(Attr.Str("gen_ai.operation.name", "execute_tool"));
                call.Attributes.Add(Attr.Str("gen_ai.tool.name", tool));
                call.Attributes.Add(Attr.Str("gen_ai.tool.call.id", $"call_{i}"));
                spans.Add(call);
            }
        }
        return spans;
    }
}
