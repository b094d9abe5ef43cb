using Microsoft.Extensions.AI;

namespace BetterHarness.Clustering.Tests.Analyst;

/// <summary>
/// An <see cref="IChatClient"/> that answers with what the test says, counts calls and records the prompts, and can be
/// told to fail (a provider outage) or to report no token usage.
/// </summary>
public sealed class FakeChatClient(Func<string, string> answer) : IChatClient
{
    private int _calls;

    public int Calls => _calls;
    public List<string> Prompts { get; } = [];
    public bool Fail { get; set; }
    public UsageDetails? Usage { get; set; } = new() { InputTokenCount = 100, OutputTokenCount = 20 };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Fail) throw new HttpRequestException("503 Service Unavailable (fake provider outage)");
        var user = messages.Last(m => m.Role == ChatRole.User).Text;
        lock (Prompts) Prompts.Add(user);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(user))) { Usage = Usage });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
