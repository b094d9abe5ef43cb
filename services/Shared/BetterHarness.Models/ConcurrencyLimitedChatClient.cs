using Microsoft.Extensions.AI;

namespace BetterHarness.Models;

/// <summary>
/// At most N requests in flight to one endpoint, whichever runs and model names share it: the gate is the
/// endpoint's, handed in, not the client's.
/// </summary>
public sealed class ConcurrencyLimitedChatClient(IChatClient inner, SemaphoreSlim gate) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false); }
        finally { gate.Release(); }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
                yield return update;
        }
        finally { gate.Release(); }
    }
}
