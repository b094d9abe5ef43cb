using System.Text.Json;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>
/// GenAI span events: <c>gen_ai.evaluation.result</c> (feedback), the deprecated per-message events
/// (<c>gen_ai.{user,system,assistant,tool}.message</c>, <c>gen_ai.choice</c>) and the older
/// <c>gen_ai.content.prompt</c>/<c>gen_ai.content.completion</c>. Message events carried their content in
/// the log body; exporters that turn them into span events put it in a <c>content</c> attribute or a
/// JSON body attribute, so every such place is tried.
/// </summary>
public static class GenAiEvents
{
    private static readonly string[] BodyKeys = ["content", "gen_ai.event.content", "body", "event.body", "message"];

    public static void Read(SpanFacts facts)
    {
        var spanId = facts.Span.SpanId;
        foreach (var e in facts.Span.Events)
        {
            switch (e.Name)
            {
                case "gen_ai.evaluation.result":
                    facts.Feedback.Add(Evaluation(facts.Span.TraceId, spanId, e));
                    break;
                case "gen_ai.user.message" or "gen_ai.system.message" or "gen_ai.assistant.message" or "gen_ai.tool.message":
                    var role = e.Name["gen_ai.".Length..^".message".Length];
                    if (Message(role, e, spanId) is { } message) facts.EventInputs.Add(message);
                    break;
                case "gen_ai.choice":
                    if (Message(Roles.Assistant, e, spanId) is { } choice) facts.EventOutputs.Add(choice);
                    if (AttributeValue.AsString(e.Attributes.GetValueOrDefault("finish_reason")) is { } reason) facts.FinishReasons.Add(reason);
                    break;
                case "gen_ai.content.prompt":
                    facts.EventInputs.AddRange(MessagesOrText(e, "gen_ai.prompt", Roles.User, spanId));
                    break;
                case "gen_ai.content.completion":
                    facts.EventOutputs.AddRange(MessagesOrText(e, "gen_ai.completion", Roles.Assistant, spanId));
                    break;
            }
        }
    }

    private static FeedbackEntry Evaluation(string traceId, string spanId, RawSpanEvent e)
    {
        string? Get(params string[] keys) => keys.Select(k => AttributeValue.AsString(e.Attributes.GetValueOrDefault(k))).FirstOrDefault(v => v is not null);
        var score = AttributeValue.AsDouble(e.Attributes.GetValueOrDefault("gen_ai.evaluation.score.value") ?? e.Attributes.GetValueOrDefault("score"));
        return new FeedbackEntry(traceId, spanId, score, Get("gen_ai.evaluation.score.label", "label"),
            Get("gen_ai.evaluation.explanation", "explanation"), Get("gen_ai.evaluation.correction", "correction"),
            "gen_ai.evaluation.result", e.TimeUnixNano)
        { Name = Get("gen_ai.evaluation.name", "name") };
    }

    private static ConversationMessage? Message(string role, RawSpanEvent e, string spanId)
    {
        foreach (var key in BodyKeys)
        {
            if (AttributeValue.AsString(e.Attributes.GetValueOrDefault(key)) is not { Length: > 0 } body) continue;
            if (JsonText.TryParse(body) is { ValueKind: JsonValueKind.Object } json)
            {
                var wrapped = new JsonObjectMessage(json, role);
                return MessageJson.Parse(wrapped.ToJson(), spanId, e.TimeUnixNano).FirstOrDefault();
            }
            var callId = AttributeValue.AsString(e.Attributes.GetValueOrDefault("id"));
            return new ConversationMessage(role, body, spanId, e.TimeUnixNano, null, role == Roles.Tool ? callId : null);
        }
        return null;
    }

    private static IEnumerable<ConversationMessage> MessagesOrText(RawSpanEvent e, string key, string role, string spanId)
    {
        var value = AttributeValue.AsString(e.Attributes.GetValueOrDefault(key));
        var parsed = MessageJson.Parse(value, spanId, e.TimeUnixNano);
        if (parsed.Count > 0) return parsed;
        return string.IsNullOrWhiteSpace(value) ? [] : [new ConversationMessage(role, value, spanId, e.TimeUnixNano)];
    }
}
