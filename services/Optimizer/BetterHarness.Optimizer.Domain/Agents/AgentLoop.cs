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
/// no tool may run for real during an eval.
/// </summary>
public static class AgentLoop
{
    public static async Task<Transcript> RunAsync(IChatClient client, HarnessDocument harness, EvalCase evalCase, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var replay = new ToolReplay(evalCase.Tools);
        var messages = ConversationBuilder.Build(harness, evalCase, replay);
        var options = new ChatOptions
        {
            Tools = ToolDeclarations.From(harness),
            Temperature = harness.Model.Temperature is { } t ? (float)t : null,
        };
        var state = new LoopState();
        try
        {
            var maxSteps = Math.Max(1, harness.Model.MaxSteps);
            while (state.Steps < maxSteps)
            {
                var calls = await StepAsync(client, messages, options, replay, state, cancellationToken).ConfigureAwait(false);
                if (calls == 0) return state.ToTranscript(started, stepLimitReached: false);
            }
            return state.ToTranscript(started, stepLimitReached: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return state.ToTranscript(started, stepLimitReached: false) with { Error = $"{ex.GetType().Name}: {ex.Message}" };
        }
    }

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
