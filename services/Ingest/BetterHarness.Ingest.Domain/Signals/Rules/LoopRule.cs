using System.Text.RegularExpressions;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// The agent going round in circles: the same tool with the same (recorded, non-empty) arguments called
/// at least <see cref="MinRepeats"/> times, or the same substantial reply generated again by another LLM call.
/// Tool calls come from tool spans, or from the LLM's requested calls when the trace has no tool spans.
/// Replies are counted where they were generated, never from the transcript's copies, so a recording
/// artefact (a reply echoed in a later call's history) is not a loop.
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
        foreach (var message in Replies(trace))
        {
            var text = Whitespace().Replace(message.Content, " ").Trim();
            if (text.Length < MinTextLength) continue;
            seen[text] = seen.GetValueOrDefault(text) + 1;
            // One signal per repeated text, at its first repeat.
            if (seen[text] == 2)
                yield return new Signal(SignalKinds.Loop, message.SpanId, Evidence.Short("assistant repeated itself: " + text));
        }
    }

    /// <summary>
    /// What the model actually said, once per saying: each LLM call's own output when the trace records LLM
    /// calls (a reply seen twice in the transcript because two spans recorded it is one reply), else the
    /// transcript's assistant turns.
    /// </summary>
    private static IEnumerable<ConversationMessage> Replies(NormalizedTrace trace)
    {
        var outputs = trace.LlmCalls.SelectMany(c => c.OutputMessages).Where(m => m.Role == Roles.Assistant).ToList();
        return outputs.Count > 0 ? outputs : trace.Messages.Where(m => m.Role == Roles.Assistant);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
