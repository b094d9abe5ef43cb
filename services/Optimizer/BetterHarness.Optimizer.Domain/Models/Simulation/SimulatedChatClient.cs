using System.Runtime.CompilerServices;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Agents;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Models.Simulation;

/// <summary>
/// A SIMULATION of a chat model, bound to one (case, trial): it reads the instructions (system messages) and
/// the tool declarations it is sent — the harness — and plans its behaviour with <see cref="SimulatedPlanner"/>.
/// It makes its planned tool calls one per step, then answers. Reports itself as model <c>simulated</c> and
/// counts tokens as characters / 4.
/// </summary>
internal sealed class SimulatedChatClient(SimulatedPlanner planner, SimulatedModelOptions options, EvalCase evalCase, int trial) : IChatClient
{
    public const string ModelId = "simulated";
    private const string CallPrefix = "sim-";
    private SimulatedPlan? _plan;

    internal SimulatedPlan? LastPlan => _plan;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        if (options.Latency > TimeSpan.Zero) await Task.Delay(options.Latency, cancellationToken).ConfigureAwait(false);
        _plan ??= planner.Plan(ReadHarness(history, chatOptions), evalCase, trial, cancellationToken);

        var made = history.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Count(c => c.CallId.StartsWith(CallPrefix, StringComparison.Ordinal));
        var reply = made < _plan.Calls.Count
            ? new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(CallPrefix + made, _plan.Calls[made].Name,
                ConversationBuilder.ToDictionary(_plan.Calls[made].Arguments))])
            : new ChatMessage(ChatRole.Assistant, _plan.Answer);
        return new ChatResponse(reply)
        {
            ModelId = ModelId,
            FinishReason = made < _plan.Calls.Count ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = Tokens(history.Sum(m => m.Text.Length) + ToolChars(chatOptions)),
                OutputTokenCount = Tokens(reply.Text.Length + (made < _plan.Calls.Count ? _plan.Calls[made].Arguments.Length + 20 : 0)),
            },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("betterharness-simulation", null, ModelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }

    private static SimulatedHarness ReadHarness(IReadOnlyList<ChatMessage> history, ChatOptions? chatOptions) => new(
        string.Join("\n", history.Where(m => m.Role == ChatRole.System).Select(m => m.Text)),
        (chatOptions?.Tools ?? []).OfType<AIFunctionDeclaration>().Select(t => (t.Name, t.Description ?? "")).ToList());

    private static int ToolChars(ChatOptions? chatOptions) =>
        (chatOptions?.Tools ?? []).OfType<AIFunctionDeclaration>().Sum(t => t.Name.Length + t.Description.Length + t.JsonSchema.GetRawText().Length);

    private static long Tokens(int chars) => Math.Max(1, chars / 4);
}
