using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>
/// Traceloop OpenLLMetry: <c>traceloop.span.kind</c> (workflow, task, agent, tool), <c>traceloop.entity.*</c>,
/// <c>traceloop.association.properties.*</c>, <c>llm.request.type</c> and the legacy flattened prompt attributes.
/// </summary>
public sealed class OpenLlmetryConvention : ISpanConvention
{
    public string Name => "openllmetry";

    public bool Read(SpanFacts facts)
    {
        var a = facts.Attributes;
        // LangSmith re-emits the legacy prompt attributes too; only its own convention should claim those spans.
        var legacyOnly = LegacyPromptAttributes.Present(a) && !a.HasPrefix("langsmith.");
        if (!a.HasPrefix("traceloop.") && !a.Has("llm.request.type") && !legacyOnly)
            return false;

        var kind = a.String("traceloop.span.kind");
        facts.Kind ??= KindOf(kind) ?? RequestKind(a.String("llm.request.type"));
        var entity = a.String("traceloop.entity.name");
        var input = a.String("traceloop.entity.input");
        var output = a.String("traceloop.entity.output");
        facts.Input ??= input;
        facts.Output ??= output;
        if (kind == "agent") facts.AgentName ??= entity;
        if (kind == "tool")
        {
            facts.ToolName ??= entity;
            facts.ToolArguments ??= ToolArguments(input);
            facts.ToolResult ??= output;
        }
        // Association properties are free-form; only the ones understood here are consumed.
        const string association = "traceloop.association.properties.";
        facts.ConversationId ??= a.String(association + "session_id", association + "conversation_id", association + "thread_id", association + "chat_id");
        facts.UserId ??= a.String(association + "user_id", association + "userId", association + "customer_id");
        foreach (var spec in FunctionSpecs(a.TakePrefix("llm.request.functions.")))
        {
            facts.ToolDefinitions.Add(spec.Name);
            facts.ToolSpecs.Add(spec);
        }

        LegacyPromptAttributes.Read(facts);
        return true;
    }

    /// <summary>
    /// Tool definitions sent with an LLM request, flattened per index: <c>N.name</c>, <c>N.description</c> and the JSON
    /// schema as <c>N.arguments</c> (the JS instrumentation) or <c>N.parameters</c> (the Python one).
    /// </summary>
    private static IEnumerable<ToolSpec> FunctionSpecs(IReadOnlyDictionary<string, object?> flattened) =>
        flattened.Select(kv => (Dot: kv.Key.IndexOf('.'), kv.Key, kv.Value))
            .Where(x => x.Dot > 0 && int.TryParse(x.Key.AsSpan(0, x.Dot), out _))
            .GroupBy(x => int.Parse(x.Key.AsSpan(0, x.Dot), System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var fields = g.ToDictionary(x => x.Key[(x.Dot + 1)..], x => AttributeValue.AsString(x.Value), StringComparer.Ordinal);
                var schema = fields.GetValueOrDefault("parameters") ?? fields.GetValueOrDefault("arguments");
                return fields.GetValueOrDefault("name") is { Length: > 0 } name
                    ? new ToolSpec(name, fields.GetValueOrDefault("description"),
                        JsonText.TryParse(schema) is { ValueKind: JsonValueKind.Object } parsed ? parsed.GetRawText() : null)
                    : null;
            })
            .OfType<ToolSpec>();

    /// <summary>Traceloop records a tool's input as <c>{"args": […], "kwargs": {…}}</c>; the kwargs are the arguments.</summary>
    private static string? ToolArguments(string? input) =>
        JsonText.TryParse(input) is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("kwargs", out var kwargs)
            ? JsonText.AsText(kwargs)
            : input;

    private static string? KindOf(string? kind) => kind switch
    {
        "workflow" or "task" => SpanKinds.Chain,
        "agent" => SpanKinds.Agent,
        "tool" => SpanKinds.Tool,
        null => null,
        _ => SpanKinds.Other,
    };

    private static string? RequestKind(string? requestType) => requestType switch
    {
        "chat" or "completion" => SpanKinds.Llm,
        null => null,
        _ => SpanKinds.Other, // embedding, rerank
    };
}
