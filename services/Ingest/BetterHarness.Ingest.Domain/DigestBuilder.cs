using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Digests;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain;

/// <summary>
/// Builds the compact <see cref="TraceDigest"/> sent downstream: at most <see cref="MaxMessages"/> messages
/// (the first <see cref="HeadMessages"/> and the last ones), each text capped at a few KB; the full trace
/// stays in ingest's store. Only failed or user-corrected traces are worth sending (<see cref="ShouldPublish(NormalizedTrace)"/>).
/// </summary>
public static class DigestBuilder
{
    public const int MaxMessages = 50;
    public const int HeadMessages = 15;
    public const int MaxToolCalls = 100;
    public const int MaxTextChars = 4_000;
    public const int MaxArgumentChars = 2_000;
    public const int MaxInstructionChars = 8_000;
    public const int MaxEvidenceChars = 500;

    /// <summary>Failed (any failure signal) or corrected: what clustering and mining want. Eval-run traces
    /// (<see cref="NormalizedTrace.Origin"/> = <see cref="EvalRunOrigin"/>) only when <paramref name="includeEvalRuns"/>
    /// (setting <c>BetterHarness:Ingest:IncludeEvalRunTraces</c>): by default they are not production failures.</summary>
    public static bool ShouldPublish(NormalizedTrace trace, bool includeEvalRuns = false) =>
        (includeEvalRuns || trace.Origin != EvalRunOrigin) && (SignalKinds.AnyFailure(trace.Signals.Select(s => s.Kind)) || SignalKinds.AnyCorrection(trace.Signals.Select(s => s.Kind)));

    /// <summary>Resource attribute <c>betterharness.origin</c> value of BetterHarness's own eval-run traces.</summary>
    public const string EvalRunOrigin = "eval_run";

    /// <summary>The same rule on a built digest (<see cref="SignalKinds.IsFlagged"/>).</summary>
    public static bool ShouldPublish(this TraceDigest digest) => digest.IsFlagged();

    public static TraceDigest Build(NormalizedTrace trace, int revision, DateTimeOffset completedAt)
    {
        var rootStart = trace.Spans.FirstOrDefault(s => s.SpanId == trace.RootSpanId)?.StartUnixNano ?? trace.StartUnixNano;
        return new TraceDigest
        {
            TraceId = trace.TraceId,
            Revision = revision,
            ServiceName = trace.ServiceName,
            Origin = trace.Origin,
            AgentName = trace.AgentName,
            ConversationId = trace.ConversationId,
            UserId = trace.UserId,
            StartedAt = DateTimeOffset.UnixEpoch.AddTicks(rootStart / 100),
            CompletedAt = completedAt,
            Failed = SignalKinds.AnyFailure(trace.Signals.Select(s => s.Kind)),
            Corrected = SignalKinds.AnyCorrection(trace.Signals.Select(s => s.Kind)),
            Signals = [.. trace.Signals.Select(s => new DigestSignal(s.Kind, s.SpanId, TextTrim.Cap(s.Evidence, MaxEvidenceChars), s.ErrorType, s.Score))],
            SystemInstructions = TextTrim.CapOrNull(trace.SystemInstructions, MaxInstructionChars),
            Messages = [.. TextTrim.KeepEnds(trace.Messages, MaxMessages, HeadMessages).Select(Message)],
            ToolCalls = [.. TextTrim.KeepEnds(trace.ToolExecutions, MaxToolCalls, MaxToolCalls / 2).Select(Tool)],
            AvailableTools = trace.AvailableTools,
            // Whole and verbatim: it becomes an eval case's expected behaviour (bounded by the feedback body limit).
            Corrections = [.. trace.Feedback.Where(f => !string.IsNullOrWhiteSpace(f.Correction))
                .Select(f => new DigestCorrection(f.Correction!, f.Source, f.SpanId, TextTrim.CapOrNull(f.Comment, MaxTextChars)))],
        };
    }

    private static DigestMessage Message(ConversationMessage m) => new(
        m.Role, TextTrim.Cap(m.Content, MaxTextChars), m.SpanId,
        m.ToolCalls?.Select(c => new DigestToolRequest(c.Name, TextTrim.CapOrNull(c.Arguments, MaxArgumentChars), c.CallId)).ToList());

    private static DigestToolCall Tool(ToolExecution t) => new(
        t.Name, TextTrim.CapOrNull(t.Arguments, MaxArgumentChars), TextTrim.CapOrNull(t.Result, MaxTextChars),
        TextTrim.CapOrNull(t.Error, MaxTextChars), t.SpanId, t.CallId);
}
