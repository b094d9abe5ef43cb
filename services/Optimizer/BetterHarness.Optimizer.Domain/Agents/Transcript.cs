namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>
/// Everything an agent did in one run of one case (the case's own conversation is not repeated): each turn,
/// every tool call and the answer it got, tokens and time.
/// </summary>
public sealed record Transcript
{
    public required IReadOnlyList<TranscriptMessage> Messages { get; init; }
    /// <summary>Model calls made (agent steps).</summary>
    public int Steps { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    /// <summary>Wall time of the whole run.</summary>
    public double DurationMs { get; init; }
    /// <summary>Time spent waiting for the model (the rest is the runner's own overhead).</summary>
    public double ModelMs { get; init; }
    /// <summary>The agent was still calling tools when the harness's step limit was reached.</summary>
    public bool StepLimitReached { get; init; }
    /// <summary>Why the run could not finish (model unreachable, bad response), when it could not.</summary>
    public string? Error { get; init; }
    /// <summary>Model that produced it, as the model reported it (<c>simulated</c> for the simulation).</summary>
    public string? Model { get; init; }
}

/// <param name="Role"><c>assistant</c> or <c>tool</c>.</param>
/// <param name="Text">Text the assistant wrote, or a tool's answer.</param>
/// <param name="ToolCalls">Calls an assistant turn requested.</param>
/// <param name="ToolCallId">For a tool turn: the call it answers.</param>
/// <param name="Recorded">For a tool turn: false when the answer was the case's unrecorded response.</param>
public sealed record TranscriptMessage(string Role, string? Text, IReadOnlyList<TranscriptToolCall>? ToolCalls = null,
    string? ToolCallId = null, string? ToolName = null, bool? Recorded = null);

/// <param name="Arguments">Arguments as JSON text.</param>
public sealed record TranscriptToolCall(string Id, string Name, string Arguments);
