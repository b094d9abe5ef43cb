using System.Runtime.CompilerServices;
using BetterHarness.Models.Simulated.Arguments;
using BetterHarness.Text;
using Microsoft.Extensions.AI;

namespace BetterHarness.Models.Simulated;

/// <summary>
/// A SIMULATION of a chat model, as an <see cref="IChatClient"/> like any other: its only input is the chat request —
/// the messages so far, the instructions, the declared tools (names, descriptions, JSON schemas) and
/// <see cref="ChatOptions"/> (Seed, Temperature, MaxOutputTokens). It plans the turn (<see cref="TurnPlanner"/>), makes
/// one tool call per response with arguments taken from the conversation, asks for what it cannot fill (unless told
/// not to ask), and answers when its plan is done. Whether that was right is for graders to say afterwards. Reports
/// itself as model <c>simulated</c>; tokens are counted as characters / 4. Thread-safe; share one per configured model
/// so MiniLM vectors are computed once.
/// </summary>
public sealed class SimulatedChatClient : IChatClient
{
    public const string ModelId = "simulated";
    public const string ProviderName = "betterharness-simulation";
    /// <summary>Key of <see cref="ChatResponse.AdditionalProperties"/> that says why the simulation answered as it did.</summary>
    public const string WhyProperty = "simulation.why";
    private const string CallPrefix = "sim-";

    private readonly TurnPlanner _planner;
    private readonly SimulatedModelOptions _options;

    public SimulatedChatClient(ITextEmbedder embedder, SimulatedModelOptions? options = null)
    {
        _options = options ?? new SimulatedModelOptions();
        _options.Validate();
        _planner = new TurnPlanner(new EmbeddingCache(embedder), _options);
    }

    public SimulatedModelOptions Options => _options;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        if (_options.Latency > TimeSpan.Zero) await Task.Delay(_options.Latency, cancellationToken).ConfigureAwait(false);
        var view = ChatRequestView.From(history, options);
        var plan = _planner.Plan(view, options, cancellationToken);
        var (reply, finish) = Next(view, plan, options);
        return new ChatResponse(reply)
        {
            ModelId = ModelId,
            FinishReason = finish,
            Usage = new UsageDetails
            {
                InputTokenCount = Tokens(history.Sum(m => m.Text.Length) + view.Tools.Sum(t => t.Text.Length + 40 * t.Parameters.Count)),
                OutputTokenCount = Tokens(reply.Text.Length + reply.Contents.OfType<FunctionCallContent>().Sum(c => 20 + (c.Arguments?.Sum(a => a.Key.Length + (a.Value?.ToString()?.Length ?? 0)) ?? 0))),
            },
            AdditionalProperties = new AdditionalPropertiesDictionary { [WhyProperty] = plan.Why },
        };
    }

    private static (ChatMessage Reply, ChatFinishReason Finish) Next(ChatRequestView view, TurnPlan plan, ChatOptions? options)
    {
        var lastUser = view.UserTurns.LastOrDefault() ?? "";
        var made = view.CallsThisTurn.Count;
        if (made < plan.Tools.Count)
        {
            var tool = plan.Tools[made];
            var (arguments, missing) = ArgumentFiller.Fill(tool, ConversationValues.Of(view.AllTexts, view.TurnTexts.Count), lastUser);
            if (missing.Count == 0 || plan.NoQuestion)
                return (new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"{CallPrefix}{made}", tool.Name, arguments)]), ChatFinishReason.ToolCalls);
            return Text(Answers.AskFor(missing), options);
        }
        return Text(plan.Tools.Count == 0 && !plan.NoQuestion && !plan.StateValues
            ? Answers.Clarify()
            : Answers.Final(view, plan), options);
    }

    /// <summary>A text reply, cut at <c>MaxOutputTokens</c> (≈4 characters a token) as a real endpoint cuts it.</summary>
    private static (ChatMessage, ChatFinishReason) Text(string text, ChatOptions? options)
    {
        var cap = options?.MaxOutputTokens is int max and > 0 ? max * 4 : int.MaxValue;
        return text.Length <= cap
            ? (new ChatMessage(ChatRole.Assistant, text), ChatFinishReason.Stop)
            : (new ChatMessage(ChatRole.Assistant, text[..cap]), ChatFinishReason.Length);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(ProviderName, null, ModelId)
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }

    private static long Tokens(int chars) => Math.Max(1, chars / 4);
}
