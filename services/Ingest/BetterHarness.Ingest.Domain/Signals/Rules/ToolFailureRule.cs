using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>A tool execution that failed: error recorded on its span, or a result that is plainly an error
/// report (see <see cref="ToolResultErrors"/>). One signal per execution.</summary>
public sealed class ToolFailureRule : ISignalRule
{
    public IEnumerable<Signal> Detect(NormalizedTrace trace)
    {
        foreach (var tool in trace.ToolExecutions)
        {
            var error = tool.Error ?? ToolResultErrors.Describe(tool.Result);
            if (error is null) continue;
            var errorType = trace.Errors.FirstOrDefault(e => e.SpanId == tool.SpanId && e.Type is not null)?.Type;
            // The result usually says more than the status ("code execution failed" vs the traceback).
            var detail = tool.Result is { Length: > 0 } result && result != error ? $"{error} | {result}" : error;
            yield return new Signal(SignalKinds.ToolFailure, tool.SpanId, Evidence.Short($"{tool.Name}: {detail}"), errorType);
        }
    }
}
