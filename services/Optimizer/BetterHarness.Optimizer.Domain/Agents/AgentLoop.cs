using System.Diagnostics;
using System.Text.Json;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;
using BetterHarness.Optimizer.Domain.Harnesses;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>
/// The built-in agent loop: ask the model, answer every tool call it makes from the case's recordings (the
/// documented unrecorded response otherwise), repeat until it answers without calling a tool or the harness's
/// step limit is reached. Tool calls are answered here rather than by a function-invoking middleware because
/// no tool may run for real during an eval. The harness's model settings are applied here, for every model alike:
/// temperature and output-token cap go out in <see cref="ChatOptions"/>, the step limit ends the run, and once the
/// tool-call budget is spent the model is asked again with no tools, so it must answer.
/// </summary>
public static class AgentLoop
{
    /// <param name="trial">0-based trial number; sent as <see cref="ChatOptions.Seed"/> so every trial samples afresh, reproducibly.</param>
    public static async Task<Transcript> RunAsync(IChatClient client, HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var replay = new ToolReplay(evalCase.Tools);
        var messages = ConversationBuilder.Build(harness, evalCase, replay);
        var options = Options(harness, trial);
        var state = new LoopState();
        try
        {
            var maxSteps = Math.Max(1, harness.Model.MaxSteps);
            while (state.Steps < maxSteps)
            {
                if (harness.Model.MaxToolCalls is { } budget && state.ToolCalls >= budget && options.Tools is { Count: > 0 })
                {
                    options = options.Clone();
                    options.Tools = null;
                }
                var calls = await StepAsync(client, messages, options, replay, state, cancellationToken).ConfigureAwait(false);
                if (calls == 0) return state.ToTranscript(started, stepLimitReached: false);
            }
            return state.ToTranscript(started, stepLimitReached: true);
        }
        // Once the run is being cancelled (the host stopping), any failure is part of the stop, not the agent's:
        // it propagates rather than being stored as an agent_error trial that a resumed run would then skip.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return state.ToTranscript(started, stepLimitReached: false) with { Error = $"{ex.GetType().Name}: {ex.Message}" };
        }
    }

    /// <summary>What every model call of a run is sent besides the messages: the tools and the harness's model settings.</summary>
    public static ChatOptions Options(HarnessDocument harness, int trial) => new()
    {
        Tools = ToolDeclarations.From(harness),
        Temperature = harness.Model.Temperature is { } t ? (float)t : null,
        MaxOutputTokens = harness.Model.MaxOutputTokens,
        Seed = trial,
    };

    private static async Task<int> StepAsync(IChatClient client, List<ChatMessage> messages, ChatOptions options,
        ToolReplay replay, LoopState state, CancellationToken cancellationToken)
    {
        var modelStarted = Stopwatch.GetTimestamp();
        var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        state.ModelMs += Stopwatch.GetElapsedTime(modelStarted).TotalMilliseconds;
        state.Steps++;
        state.InputTokens += response.Usage?.InputTokenCount ?? 0;
        state.OutputTokens += response.Usage?.OutputTokenCount ?? 0;
        state.Model ??= response.ModelId;
        messages.AddRange(response.Messages);

        var calls = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToList();
        var text = string.Concat(response.Messages.SelectMany(m => m.Contents.OfType<TextContent>()).Select(c => c.Text));
        state.Messages.Add(new TranscriptMessage("assistant", text,
            calls.Count == 0 ? null : calls.Select(c => new TranscriptToolCall(c.CallId, c.Name, ArgumentsJson(c))).ToList()));
        if (calls.Count == 0) return 0;
        state.ToolCalls += calls.Count;

        var results = new List<AIContent>(calls.Count);
        foreach (var call in calls)
        {
            var answer = replay.Answer(call.Name, ArgumentsJson(call));
            results.Add(new FunctionResultContent(call.CallId, answer.Content));
            state.Messages.Add(new TranscriptMessage("tool", answer.Content, ToolCallId: call.CallId, ToolName: call.Name, Recorded: answer.Recorded));
        }
        messages.Add(new ChatMessage(ChatRole.Tool, results));
        return calls.Count;
    }

    private static string ArgumentsJson(FunctionCallContent call) =>
        call.Arguments is null ? "{}" : ToolKey.Canonical(JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions));

    private sealed class LoopState
    {
        public List<TranscriptMessage> Messages { get; } = [];
        public int Steps { get; set; }
        public int ToolCalls { get; set; }
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public double ModelMs { get; set; }
        public string? Model { get; set; }

        public Transcript ToTranscript(long started, bool stepLimitReached) => new()
        {
            Messages = Messages, Steps = Steps, InputTokens = InputTokens, OutputTokens = OutputTokens,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds, ModelMs = ModelMs,
            StepLimitReached = stepLimitReached, Model = Model,
        };
    }
}
