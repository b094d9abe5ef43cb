using BetterHarness.Contracts;
using BetterHarness.Web.Backends;

namespace BetterHarness.Web.Pages.Traces;

/// <summary>
/// A trace as a conversation: user turns, agent turns with their tool calls (arguments and recorded results),
/// the correcting user turn and the agent turn it corrected marked, other signals pinned to their turn.
/// Shown on the trace page and, for a candidate's source trace, in the review queue.
/// </summary>
public sealed record Timeline(IReadOnlyList<TimelineEntry> Entries, IReadOnlyList<TraceSignal> Signals, string? SystemInstructions)
{
    /// <summary>On the trace page: the correction labels of each user turn and the forms that set them; null elsewhere.</summary>
    public TurnLabelling? Labelling { get; init; }

    /// <param name="correctionSpanId">The correcting turn to highlight (a candidate's provenance span); default: every user_correction signal.</param>
    public static Timeline Build(TraceDetail trace, string? correctionSpanId = null)
    {
        var corrections = correctionSpanId is not null
            ? new HashSet<string> { correctionSpanId }
            : trace.Signals.Where(s => s.Kind == SignalKinds.UserCorrection && s.SpanId is not null).Select(s => s.SpanId!).ToHashSet();
        var executions = trace.ToolExecutions.Where(e => e.CallId is not null)
            .GroupBy(e => e.CallId!).ToDictionary(g => g.Key, g => g.First());
        var shownCallIds = new HashSet<string>();
        var entries = new List<TimelineEntry>();
        var userTurns = 0;
        foreach (var message in trace.Messages)
        {
            // Numbered over every user message, as the labels API numbers them (userTurn).
            int? userTurn = message.Role == "user" ? userTurns++ : null;
            if (message.Role == "tool" && message.ToolCallId is { } answered && shownCallIds.Contains(answered)) continue;
            var calls = (message.ToolCalls ?? []).Select(call =>
            {
                var execution = call.CallId is not null ? executions.GetValueOrDefault(call.CallId) : null;
                if (call.CallId is not null && execution is not null) shownCallIds.Add(call.CallId);
                return new TimelineToolCall(call.Name, call.Arguments, execution?.Result, execution?.Error, execution?.SpanId);
            }).ToList();
            var isCorrection = message.Role == "user" && message.SpanId is not null && corrections.Contains(message.SpanId);
            entries.Add(new TimelineEntry(message.Role, message.Content, message.SpanId, message.TimeUnixNano, calls, isCorrection) { UserTurn = userTurn });
        }
        MarkCorrected(entries);
        var signalsBySpan = trace.Signals.Where(s => s.SpanId is not null && s.Kind != SignalKinds.UserCorrection)
            .ToLookup(s => s.SpanId!);
        foreach (var entry in entries)
        {
            var spans = entry.ToolCalls.Select(c => c.ExecutionSpanId).Append(entry.SpanId).OfType<string>();
            entry.Signals = spans.SelectMany(s => signalsBySpan[s]).Distinct().ToList();
        }
        return new Timeline(entries, trace.Signals, trace.SystemInstructions);
    }

    /// <summary>The agent turn a correction answers: the last agent turn before the correcting user turn.</summary>
    private static void MarkCorrected(List<TimelineEntry> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!entries[i].IsCorrection) continue;
            for (var j = i - 1; j >= 0; j--)
            {
                if (entries[j].Role == "user") break;
                if (entries[j].Role != "assistant") continue;
                entries[j].IsCorrected = true;
                break;
            }
        }
    }
}

public sealed record TimelineEntry(
    string Role, string Content, string? SpanId, long TimeUnixNano, IReadOnlyList<TimelineToolCall> ToolCalls, bool IsCorrection)
{
    public bool IsCorrected { get; set; }
    public IReadOnlyList<TraceSignal> Signals { get; set; } = [];
    /// <summary>0-based position among the conversation's user messages (user turns only).</summary>
    public int? UserTurn { get; init; }
}

/// <summary>
/// Correction labels on the trace page: <see cref="Agent"/> is whose detector learns from them, <see cref="Labels"/> what
/// people and the judge said per user turn, <see cref="CanLabel"/> whether this viewer may mark turns (curator).
/// </summary>
public sealed record TurnLabelling(string Agent, string TraceId, bool CanLabel, int? SelectedTurn, ILookup<int, CorrectionLabel> Labels)
{
    /// <summary>The turn's labels for this agent, the one that counts first: a person's, then a review verdict's, then the judge's.</summary>
    public IEnumerable<CorrectionLabel> For(int turn) => Labels[turn].Where(l => l.Agent == Agent)
        .OrderBy(l => l.Source switch { "person" => 0, "review" => 1, _ => 2 });
}

public sealed record TimelineToolCall(string Name, string? Arguments, string? Result, string? Error, string? ExecutionSpanId);
