using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>A digest's tool executions as a case's recorded responses, keyed by <see cref="ToolKey"/>.</summary>
public static class ToolRecording
{
    public static IReadOnlyList<RecordedResponse> Record(IEnumerable<DigestToolCall> calls) => calls
        .Select(c => new RecordedResponse(ToolKey.Of(c.Name, c.Arguments), c.Name, ToolKey.Canonical(c.Arguments), c.Result, c.Error))
        .DistinctBy(r => r.Key) // the first answer wins: that is what the agent saw first
        .ToList();
}
