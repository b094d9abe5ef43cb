using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// Agent traces with their conversation content, as GenAI-instrumented agents export them: an invoke_agent
/// root, chat spans carrying the growing conversation (several KB) in gen_ai.input.messages and the reply in
/// gen_ai.output.messages, and execute_tool spans with arguments and results. Measures the content path.
/// </summary>
public sealed class ContentProfile : ILoadProfile
{
    private const ulong Ms = 1_000_000;
    private static readonly string[] Tools = ["lookup_order", "search_docs", "get_reservation", "update_address"];

    public string Name => "content";

    public int DefaultSpansPerRequest => 50;

    public Resource Resource() => new() { Attributes = { Attr.Str("service.name", "loadgen-content-agent") } };

    public IReadOnlyList<Span> BuildTrace(ByteString traceId, ulong startNanos, Random rng)
    {
        var toolTurns = rng.Next(2, 5); // root + 2 spans a turn + the final answer: 6–10 spans
        var root = SyntheticSpan.Create(traceId, null, "invoke_agent support-agent", startNanos, (ulong)(toolTurns + 1) * 3000 * Ms, rng);
        root.Attributes.Add(Attr.Str("gen_ai.operation.name", "invoke_agent"));
        root.Attributes.Add(Attr.Str("gen_ai.agent.name", "support-agent"));
        var spans = new List<Span> { root };
        var conversation = new JsonArray(ContentText.TextMessage("user", ContentText.Prose(rng, 2500)));
        var at = startNanos + 10 * Ms;
        for (var turn = 0; turn < toolTurns; turn++)
        {
            var tool = Tools[rng.Next(Tools.Length)];
            var callId = $"call_{turn}";
            var arguments = $$"""{"query":"{{ContentText.Prose(rng, 60)}}","limit":{{rng.Next(1, 20)}}}""";
            var call = ContentText.ToolCallMessage(callId, tool, arguments);
            spans.Add(Chat(traceId, root, at, conversation, new JsonArray(call.DeepClone()), rng));
            conversation.Add(call);

            var result = ContentText.Prose(rng, 1000);
            var execute = SyntheticSpan.Create(traceId, root, "execute_tool " + tool, at + 2000 * Ms, 500 * Ms, rng);
            execute.Attributes.Add(Attr.Str("gen_ai.operation.name", "execute_tool"));
            execute.Attributes.Add(Attr.Str("gen_ai.tool.name", tool));
            execute.Attributes.Add(Attr.Str("gen_ai.tool.call.id", callId));
            execute.Attributes.Add(Attr.Str("gen_ai.tool.call.arguments", arguments));
            execute.Attributes.Add(Attr.Str("gen_ai.tool.call.result", result));
            spans.Add(execute);
            conversation.Add(ContentText.ToolResponseMessage(callId, result));
            at += 3000 * Ms;
        }
        var answer = ContentText.TextMessage("assistant", ContentText.Prose(rng, 800));
        answer["finish_reason"] = "stop";
        spans.Add(Chat(traceId, root, at, conversation, new JsonArray(answer), rng));
        return spans;
    }

    private static Span Chat(ByteString traceId, Span root, ulong start, JsonArray input, JsonArray output, Random rng)
    {
        var chat = SyntheticSpan.Create(traceId, root, "chat gpt-4o", start, 2000 * Ms, rng);
        chat.Attributes.Add(Attr.Str("gen_ai.operation.name", "chat"));
        chat.Attributes.Add(Attr.Str("gen_ai.provider.name", "openai"));
        chat.Attributes.Add(Attr.Str("gen_ai.request.model", "gpt-4o"));
        chat.Attributes.Add(Attr.Str("gen_ai.input.messages", input.ToJsonString()));
        chat.Attributes.Add(Attr.Str("gen_ai.output.messages", output.ToJsonString()));
        chat.Attributes.Add(Attr.Int("gen_ai.usage.input_tokens", input.ToJsonString().Length / 4));
        chat.Attributes.Add(Attr.Int("gen_ai.usage.output_tokens", rng.Next(20, 300)));
        return chat;
    }
}
