using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Tests.Agents;

/// <summary>A model that answers from a script, one response per call, and keeps what it was sent.</summary>
internal sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] script) : IChatClient
{
    public List<List<ChatMessage>> Received { get; } = [];
    public List<ChatOptions?> Options { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Received.Add(list);
        Options.Add(options);
        var step = Math.Min(Received.Count - 1, script.Length - 1);
        return Task.FromResult(script[step](list));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }

    public static ChatResponse Call(string id, string name, string argumentsJson) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(id, name,
            BetterHarness.Optimizer.Domain.Agents.ConversationBuilder.ToDictionary(argumentsJson))]))
        { Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10 }, ModelId = "scripted" };

    public static ChatResponse Say(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 5 } };
}
