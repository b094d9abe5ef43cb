using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>
/// The HTTP agent adapter, for agents written in any language (contract and example server: docs/http-agent.md). One
/// POST per agent step: the harness, the conversation so far (the case's turns, then the agent's own turns and the
/// answers to the tool calls it asked for) and an opaque conversation id; the agent answers its next message. Tool calls
/// are answered here from the case's recordings, one step at a time — so the agent sees what a model in production
/// sees and nothing of the case itself: no expected behaviour, correction, graders, split, case id or recordings it did
/// not ask for.
/// </summary>
public sealed class HttpAgentRunner(string name, HttpClient http, Uri endpoint) : IAgentRunner
{
    public string Name => name;

    public bool Simulated => false;

    public async Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var replay = new ToolReplay(evalCase.Tools);
        var conversation = HttpAgentConversation.FromCase(evalCase, replay);
        var state = new State();
        // Random per run, so nothing about the case (not even which case) can be read from it; stable across the run's steps.
        var conversationId = "conv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        try
        {
            var maxSteps = Math.Max(1, harness.Model.MaxSteps);
            while (state.Steps < maxSteps)
            {
                var request = new HttpAgentRequest(conversationId, trial, state.Steps + 1, harness, conversation);
                var (reply, error) = await PostAsync(request, state, cancellationToken).ConfigureAwait(false);
                if (error is not null) return state.ToTranscript(started) with { Error = error };
                var calls = (reply!.ToolCalls ?? []).Select((c, i) => new TranscriptToolCall(
                    string.IsNullOrEmpty(c.Id) ? $"call-{state.Steps}-{i}" : c.Id, c.Name, ToolKey.Canonical(ArgumentsText(c.Arguments)))).ToList();
                var assistant = new TranscriptMessage("assistant", reply.Text ?? "", calls.Count == 0 ? null : calls);
                state.Messages.Add(assistant);
                conversation.Add(HttpAgentMessage.Of(assistant));
                if (calls.Count == 0) return state.ToTranscript(started);
                foreach (var call in calls)
                {
                    var answer = replay.Answer(call.Name, call.Arguments);
                    var tool = new TranscriptMessage("tool", answer.Content, ToolCallId: call.Id, ToolName: call.Name, Recorded: answer.Recorded);
                    state.Messages.Add(tool);
                    conversation.Add(HttpAgentMessage.Of(tool));
                }
            }
            return state.ToTranscript(started) with { StepLimitReached = true };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return state.ToTranscript(started) with { Error = $"the agent at {endpoint} could not be run: {ex.Message}" };
        }
    }

    private async Task<(HttpAgentReply? Reply, string? Error)> PostAsync(HttpAgentRequest request, State state, CancellationToken cancellationToken)
    {
        var modelStarted = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync(endpoint, request, HttpAgentJson.Options, cancellationToken).ConfigureAwait(false);
        state.ModelMs += Stopwatch.GetElapsedTime(modelStarted).TotalMilliseconds;
        state.Steps++;
        if (!response.IsSuccessStatusCode) return (null, $"the agent at {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        var step = await response.Content.ReadFromJsonAsync<HttpAgentResponse>(HttpAgentJson.Options, cancellationToken).ConfigureAwait(false);
        if (step?.Message is null) return (null, $"the agent at {endpoint} returned no message ('message' is missing)");
        state.InputTokens += step.InputTokens;
        state.OutputTokens += step.OutputTokens;
        state.Model ??= step.Model;
        return (step.Message, null);
    }

    private static string ArgumentsText(JsonElement? arguments) => arguments switch
    {
        null => "{}",
        { ValueKind: JsonValueKind.String } s => s.GetString() ?? "{}",
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "{}",
        { } other => other.GetRawText(),
    };

    private sealed class State
    {
        public List<TranscriptMessage> Messages { get; } = [];
        public int Steps { get; set; }
        public long InputTokens { get; set; }
        public long OutputTokens { get; set; }
        public double ModelMs { get; set; }
        public string? Model { get; set; }

        public Transcript ToTranscript(long started) => new()
        {
            Messages = Messages, Steps = Steps, InputTokens = InputTokens, OutputTokens = OutputTokens, Model = Model,
            DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds, ModelMs = ModelMs,
        };
    }
}
