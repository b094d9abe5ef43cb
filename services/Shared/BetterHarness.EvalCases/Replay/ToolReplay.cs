using BetterHarness.EvalCases.Cases;

namespace BetterHarness.EvalCases.Replay;

/// <summary>
/// Answers an agent's tool calls from a case's recordings: the recorded error if there was one, else the
/// response (the first execution of a key wins), else the case's unrecorded response.
/// </summary>
public sealed class ToolReplay
{
    private readonly Dictionary<string, RecordedResponse> _byKey = new(StringComparer.Ordinal);
    private readonly string _unrecorded;

    public ToolReplay(CaseTools tools)
    {
        // Keys are recomputed rather than trusted, so a hand-written case with loosely formatted keys replays too.
        foreach (var recorded in tools.Recorded) _byKey.TryAdd(ToolKey.Of(recorded.Tool, recorded.Arguments), recorded);
        _unrecorded = string.IsNullOrEmpty(tools.UnrecordedResponse) ? ToolKey.UnrecordedResponse : tools.UnrecordedResponse;
    }

    public ReplayAnswer Answer(string tool, string? arguments) =>
        _byKey.TryGetValue(ToolKey.Of(tool, arguments), out var hit)
            ? new ReplayAnswer(hit.Error ?? hit.Response ?? "", Recorded: true, IsError: hit.Error is not null)
            : new ReplayAnswer(_unrecorded, Recorded: false, IsError: true);
}

/// <param name="Recorded">False when production never made this call and the unrecorded response was given.</param>
public sealed record ReplayAnswer(string Content, bool Recorded, bool IsError);
