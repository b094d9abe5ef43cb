using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>The model proposer's prompt: fixed instructions, then the <see cref="ProposalInput"/> as JSON — nothing else.</summary>
public static class ProposerPrompt
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public const string System = """
        You improve an LLM agent's harness (its system instructions and tool descriptions) from eval failures.
        You receive the current harness, a diagnosis of the failing optimisation cases (graders that failed, what the
        agent did), and changes that were tried and rejected (with the cases they regressed).
        Propose up to maxChanges candidate changes, best first. Each is ONE targeted change:
        kind = add_instruction (text = the new instruction, target = ""), edit_instruction (target = an exact passage
        of the instructions, text = its replacement), remove_instruction (target = the exact passage), edit_tool_description
        (target = tool name, text = the full new description), remove_tool / add_tool (target = tool name from the catalog).
        Rules: state GENERAL behaviour that fixes a whole pattern of failures. Never quote a case's names, ids, numbers
        or phrases: a change that only fixes the cases it quotes is overfitting and is flagged. Do not repeat a rejected
        change; avoid regressing the cases listed under rejected attempts. Keep instructions short (instructionWordsLeft).
        Give a one-sentence rationale per change.
        """;

    /// <summary>The user message: the input serialised — the same serialisation the holdout-isolation test inspects.</summary>
    public static string Render(ProposalInput input) => JsonSerializer.Serialize(input, Json);
}
