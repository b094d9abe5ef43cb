using BetterHarness.Contracts;
using System.Text.RegularExpressions;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// The run was cut off rather than finished: an LLM call stopped by its token limit (finish reason
/// length / max_tokens) or by an error finish reason, or the agent framework reported its step,
/// iteration, turn or recursion limit (LangChain "Agent stopped due to iteration limit", LangGraph
/// GraphRecursionError, OpenAI Agents MaxTurnsExceeded, …) in an error or the final output.
/// </summary>
public sealed partial class StepLimitRule : ISignalRule
{
    private static readonly HashSet<string> LimitReasons = new(StringComparer.OrdinalIgnoreCase)
    {
        "length", "max_tokens", "max_output_tokens", "model_length", "token_limit", "error",
    };

    public IEnumerable<Signal> Detect(NormalizedTrace trace)
    {
        foreach (var call in trace.LlmCalls.Where(c => c.FinishReason is { } r && LimitReasons.Contains(r)))
            yield return new Signal(SignalKinds.StepLimit, call.SpanId, $"LLM call finished with reason '{call.FinishReason}'");

        var texts = trace.Errors.Select(e => (SpanId: (string?)e.SpanId, Text: $"{e.Type} {e.Message}"))
            .Concat(trace.Agents.Select(a => (SpanId: (string?)a.SpanId, Text: a.Output ?? "")))
            .Concat(trace.Messages.Where(m => m.Role == Roles.Assistant).TakeLast(1).Select(m => (m.SpanId, Text: m.Content)));
        var hit = texts.FirstOrDefault(t => LimitText().IsMatch(t.Text));
        if (hit.Text is not null)
            yield return new Signal(SignalKinds.StepLimit, hit.SpanId, Evidence.Short(LimitText().Match(hit.Text).Value));
    }

    [GeneratedRegex(@"(max(imum)?[ _-]?(number of )?(iterations?|steps?|turns?|rounds?)( limit)?( \w+)? (reached|exceeded|hit)|(iteration|step|turn|recursion|round) limit( of \d+)? (reached|exceeded|hit)|stopped due to (max |the )?(iteration|step|time|turn) limit|GraphRecursionError|MaxTurnsExceeded|recursion limit of \d+|reached (the )?(max(imum)?|step|iteration|turn) (limit|number of (steps|iterations|turns)))",
        RegexOptions.IgnoreCase)]
    private static partial Regex LimitText();
}
