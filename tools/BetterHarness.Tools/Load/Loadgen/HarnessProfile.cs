using Google.Protobuf;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// The content profile's traces with what attribution reads on the root: system instructions (≈1.5 KB) and the four
/// tools' definitions. Half the traces carry <see cref="Instructions"/> verbatim, half with the session's own time in
/// them (a templated prompt: no exact match, so attribution takes its costlier near-match path).
/// <c>benchmarks/attribution.sh</c> stores the two versions (<see cref="Instructions"/> and it plus one sentence) first.
/// </summary>
public sealed class HarnessProfile : ILoadProfile
{
    public const string Agent = "support-agent";

    public static readonly string Instructions = string.Join('\n',
        "You are the support agent of an online shop. The current time is 2026-12-07 09:00 UTC.",
        "Look the order up before you answer any question about it, and quote the order number back to the customer.",
        "Only change an address after the customer confirms the new one in full; never guess a street or a postcode.",
        "Search the documentation before you say a product cannot do something, and cite the page you found.",
        "Make one tool call at a time and wait for its result before you call another tool or answer the customer.",
        "If a request is outside what your tools can do, say so plainly and offer to hand the conversation to a person.",
        "Keep answers short: two or three sentences unless the customer asks for detail. Do not invent order states.",
        "Refunds over one hundred euros need a person's approval; tell the customer it is on its way and why it waits.",
        "Be polite and direct. Do not apologise more than once in a conversation, and never blame the customer.");

    public static readonly (string Name, string Description)[] Tools =
    [
        ("lookup_order", "Look up an order by its number: items, state, delivery address and tracking."),
        ("search_docs", "Search the product documentation; returns the best matching pages with a short excerpt."),
        ("get_reservation", "Get a reservation (a held item) by id: what, until when, for whom."),
        ("update_address", "Change the delivery address of an order that has not shipped yet."),
    ];

    private static readonly string Definitions = System.Text.Json.JsonSerializer.Serialize(Tools.Select(t => new
    {
        type = "function", name = t.Name, description = t.Description,
        parameters = new { type = "object", properties = new { query = new { type = "string" }, limit = new { type = "integer" } } },
    }));

    private readonly ContentProfile _content = new();

    public string Name => "harness";

    public int DefaultSpansPerRequest => _content.DefaultSpansPerRequest;

    public Resource Resource() => new() { Attributes = { Attr.Str("service.name", "loadgen-harness-agent") } };

    public IReadOnlyList<Span> BuildTrace(ByteString traceId, ulong startNanos, Random rng)
    {
        var spans = _content.BuildTrace(traceId, startNanos, rng);
        var instructions = rng.Next(2) == 0 ? Instructions
            : Instructions.Replace("2026-12-07 09:00", $"2026-12-{rng.Next(1, 29):00} {rng.Next(24):00}:{rng.Next(60):00}");
        spans[0].Attributes.Add(Attr.Str("gen_ai.system_instructions", $$"""[{"type":"text","content":{{System.Text.Json.JsonSerializer.Serialize(instructions)}}}]"""));
        spans[0].Attributes.Add(Attr.Str("gen_ai.tool.definitions", Definitions));
        return spans;
    }
}
