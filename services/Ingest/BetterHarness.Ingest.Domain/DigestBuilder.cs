using BetterHarness.Contracts;
using BetterHarness.Corrections;
using BetterHarness.Ingest.Domain.Digests;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain;

/// <summary>
/// Builds the compact <see cref="TraceDigest"/> sent downstream: at most <see cref="MaxMessages"/> messages
/// (the first <see cref="HeadMessages"/> and the last ones), each text capped at a few KB; the full trace
/// stays in ingest's store. Only failed or user-corrected traces, and traces with a user turn that may correct the agent
/// (<see cref="CorrectionGate"/>: mining's detector decides), are worth sending (<see cref="ShouldPublish(NormalizedTrace, bool)"/>).
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

    /// <summary>Failed (any failure signal), corrected, or with a correction candidate turn (<see cref="CorrectionGate"/>):
    /// what clustering and mining want. Eval-run traces (<see cref="NormalizedTrace.Origin"/> = <see cref="EvalRunOrigin"/>)
    /// only when <paramref name="includeEvalRuns"/> (setting <c>BetterHarness:Ingest:IncludeEvalRunTraces</c>): by default
    /// they are not production failures.</summary>
    public static bool ShouldPublish(NormalizedTrace trace, bool includeEvalRuns = false) =>
        (includeEvalRuns || trace.Origin != EvalRunOrigin)
        && (SignalKinds.AnyFailure(trace.Signals.Select(s => s.Kind)) || SignalKinds.AnyCorrection(trace.Signals.Select(s => s.Kind))
            || CandidateTurns(trace, firstOnly: true).Count > 0);

    /// <summary>
    /// User messages that reply to an agent text turn and pass the <see cref="CorrectionGate"/> (by reference). A trace's
    /// later revisions only add messages, so a trace the gate sent once keeps being sent.
    /// </summary>
    public static IReadOnlySet<ConversationMessage> CandidateTurns(NormalizedTrace trace, bool firstOnly = false)
    {
        var turns = new HashSet<ConversationMessage>(ReferenceEqualityComparer.Instance);
        string? previousAssistant = null;
        foreach (var message in trace.Messages)
        {
            if (message.Role == Roles.Assistant && message.Content.Trim().Length > 0) previousAssistant = message.Content;
            else if (message.Role == Roles.User && previousAssistant is not null && CorrectionGate.IsCandidate(previousAssistant, message.Content))
            {
                turns.Add(message);
                if (firstOnly) break;
            }
        }
        return turns;
    }

    /// <summary>Resource attribute <c>betterharness.origin</c> value of BetterHarness's own eval-run traces.</summary>
    public const string EvalRunOrigin = "eval_run";

    /// <summary>The same rule on a built digest: flagged (<see cref="SignalKinds.IsFlagged"/>) or with a candidate turn.</summary>
    public static bool ShouldPublish(this TraceDigest digest) => digest.IsFlagged() || digest.Messages.Any(m => m.CorrectionCandidate);

    public static TraceDigest Build(NormalizedTrace trace, int revision, DateTimeOffset completedAt)
    {
        var candidates = CandidateTurns(trace);
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
            Messages = [.. TextTrim.KeepEnds(trace.Messages, MaxMessages, HeadMessages).Select(m => Message(m, candidates.Contains(m)))],
            ToolCalls = [.. TextTrim.KeepEnds(trace.ToolExecutions, MaxToolCalls, MaxToolCalls / 2).Select(Tool)],
            AvailableTools = trace.AvailableTools,
            // Whole and verbatim: it becomes an eval case's expected behaviour (bounded by the feedback body limit).
            Corrections = [.. trace.Feedback.Where(f => !string.IsNullOrWhiteSpace(f.Correction))
                .Select(f => new DigestCorrection(f.Correction!, f.Source, f.SpanId, TextTrim.CapOrNull(f.Comment, MaxTextChars)))],
        };
    }

    private static DigestMessage Message(ConversationMessage m, bool candidate) => new(
        m.Role, TextTrim.Cap(m.Content, MaxTextChars), m.SpanId,
        m.ToolCalls?.Select(c => new DigestToolRequest(c.Name, TextTrim.CapOrNull(c.Arguments, MaxArgumentChars), c.CallId)).ToList(),
        candidate);

    private static DigestToolCall Tool(ToolExecution t) => new(
        t.Name, TextTrim.CapOrNull(t.Arguments, MaxArgumentChars), TextTrim.CapOrNull(t.Result, MaxTextChars),
        TextTrim.CapOrNull(t.Error, MaxTextChars), t.SpanId, t.CallId);
}
