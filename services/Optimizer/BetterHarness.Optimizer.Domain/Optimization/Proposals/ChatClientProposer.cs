using System.ComponentModel;
using System.Text;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// Proposes changes with a model through <see cref="IChatClient"/> and structured output: the answer must match
/// the JSON schema of <see cref="ProposalAnswer"/> (sent as the response format), so it parses or fails clearly. It is
/// given the same <see cref="ProposalInput"/> as the offline proposer (diagnosis and patterns included) and, through
/// <paramref name="transcripts"/>, the stored transcripts of the failing trials that diagnosis names — optimisation
/// trials only, since the diagnosis holds nothing else.
/// </summary>
/// <param name="transcripts">Reads a stored transcript by id (null when it is gone); null sends none.</param>
public sealed class ChatClientProposer(IChatClient client, string model, Func<string, string?>? transcripts = null) : IHarnessProposer
{
    private const int MaxTranscripts = 8;
    private const int MaxTranscriptChars = 4_000;

    public string Name => $"model:{model}";

    public async Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = [new(ChatRole.System, ProposerPrompt.System), new(ChatRole.User, ProposerPrompt.Render(input))];
        if (Transcripts(input) is { Length: > 0 } text) messages.Add(new ChatMessage(ChatRole.User, text));
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

    /// <summary>The first failing trial of each failing case the diagnosis lists, worst cases first.</summary>
    private string Transcripts(ProposalInput input)
    {
        if (transcripts is null) return "";
        var text = new StringBuilder();
        foreach (var failing in input.Diagnosis.FailingCases.Where(c => c.TranscriptIds.Count > 0).Take(MaxTranscripts))
        {
            if (transcripts(failing.TranscriptIds[0]) is not { Length: > 0 } json) continue;
            text.Append("Transcript of a failing trial of optimisation case ").Append(failing.CaseId).AppendLine(":")
                .AppendLine(json.Length <= MaxTranscriptChars ? json : json[..MaxTranscriptChars] + "…").AppendLine();
        }
        return text.ToString();
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>The structured answer the proposer model must give.</summary>
public sealed record ProposalAnswer([property: Description("Candidate changes, best first.")] IReadOnlyList<ProposedChange> Changes);

/// <summary>One proposed change as the model writes it.</summary>
public sealed record ProposedChange(
    [property: Description("add_instruction, edit_instruction, remove_instruction, edit_tool_description, add_tool, remove_tool or edit_model_settings")] string Kind,
    [property: Description("Exact instruction passage for edit/remove_instruction, tool name for tool changes, setting name (temperature, maxOutputTokens, maxSteps, maxToolCalls) for edit_model_settings, empty for add_instruction")] string? Target,
    [property: Description("New instruction text, tool description, or the setting's new value")] string? Text,
    [property: Description("One sentence: which failure pattern this fixes and why it generalises")] string? Rationale);
