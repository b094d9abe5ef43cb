using BetterHarness.Contracts;
using System.Text.RegularExpressions;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// The agent going round in circles: the same tool with the same (recorded, non-empty) arguments called
/// at least <see cref="MinRepeats"/> times, or the same substantial assistant text said again. Tool calls
/// come from tool spans, or from the LLM's requested calls when the trace has no tool spans.
/// </summary>
public sealed partial class LoopRule : ISignalRule
{
    public const int MinRepeats = 3;
    /// <summary>Short replies ("OK.", "TERMINATE") legitimately repeat.</summary>
    private const int MinTextLength = 40;

    public IEnumerable<Signal> Detect(NormalizedTrace trace) => RepeatedToolCalls(trace).Concat(RepeatedText(trace));

    private static IEnumerable<Signal> RepeatedToolCalls(NormalizedTrace trace)
    {
        var calls = trace.ToolExecutions.Count > 0
            ? trace.ToolExecutions.Select(t => (t.Name, t.Arguments, SpanId: (string?)t.SpanId))
            : trace.LlmCalls.SelectMany(c => c.ToolCalls.Select(t => (t.Name, t.Arguments, SpanId: (string?)c.SpanId)));
        return calls
            .Where(c => !string.IsNullOrWhiteSpace(c.Arguments) && JsonText.Canonical(c.Arguments) is not ("{}" or "[]"))
            .GroupBy(c => (c.Name, Arguments: JsonText.Canonical(c.Arguments)))
            .Where(g => g.Count() >= MinRepeats)
            .Select(g => new Signal(SignalKinds.Loop, g.ElementAt(MinRepeats - 1).SpanId,
                Evidence.Short($"{g.Key.Name} called {g.Count()} times with the same arguments {g.Key.Arguments}")));
    }

    private static IEnumerable<Signal> RepeatedText(NormalizedTrace trace)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in trace.Messages.Where(m => m.Role == Roles.Assistant))
        {
            var text = Whitespace().Replace(message.Content, " ").Trim();
            if (text.Length < MinTextLength) continue;
            seen[text] = seen.GetValueOrDefault(text) + 1;
            // One signal per repeated text, at its first repeat.
            if (seen[text] == 2)
                yield return new Signal(SignalKinds.Loop, message.SpanId, Evidence.Short("assistant repeated itself: " + text));
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
