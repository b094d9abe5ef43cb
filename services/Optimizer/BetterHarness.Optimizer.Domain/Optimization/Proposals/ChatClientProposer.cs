using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// Proposes changes with a model through <see cref="IChatClient"/> and structured output: the answer must match
/// the JSON schema of <see cref="ProposalAnswer"/> (sent as the response format), so it parses or fails clearly.
/// </summary>
public sealed class ChatClientProposer(IChatClient client, string model) : IHarnessProposer
{
    public string Name => $"model:{model}";

    public async Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, ProposerPrompt.System), new(ChatRole.User, ProposerPrompt.Render(input))];
        var response = await client.GetResponseAsync<ProposalAnswer>(messages, ProposerPrompt.Json,
            new ChatOptions { ModelId = model, Temperature = 0.2f }, useJsonSchemaResponseFormat: true, cancellationToken);
        if (!response.TryGetResult(out var answer) || answer?.Changes is null)
            throw new InvalidOperationException($"The proposer model '{model}' did not answer with the expected JSON: {Excerpt(response.Text)}");
        var changes = answer.Changes
            .Where(c => c is not null && !string.IsNullOrWhiteSpace(c.Kind))
            .Select(c => new HarnessChange(c.Kind.Trim(), c.Target ?? "", c.Text ?? "", c.Rationale ?? ""))
            .Take(input.MaxChanges)
            .ToList();
        return new Proposal(changes, response.Usage?.TotalTokenCount ?? 0);
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>The structured answer the proposer model must give.</summary>
public sealed record ProposalAnswer([property: Description("Candidate changes, best first.")] IReadOnlyList<ProposedChange> Changes);

/// <summary>One proposed change as the model writes it.</summary>
public sealed record ProposedChange(
    [property: Description("add_instruction, edit_instruction, remove_instruction, edit_tool_description, add_tool or remove_tool")] string Kind,
    [property: Description("Exact instruction passage for edit/remove_instruction, tool name for tool changes, empty for add_instruction")] string? Target,
    [property: Description("New instruction text or tool description")] string? Text,
    [property: Description("One sentence: which failure pattern this fixes and why it generalises")] string? Rationale);
