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
        You improve an LLM agent's harness (its system instructions, tool descriptions, tool set and model settings) from
        eval failures. You receive the current harness, a diagnosis of the failing optimisation cases (graders that failed,
        what the agent did, and patterns across cases: which tool it did not call and what it called instead, tools it
        should not have called, broken orders, needless questions, missing facts, step limits, unstable outcomes), changes
        that were tried and rejected (with the cases they regressed), and then transcripts of failing trials.
        Propose up to maxChanges candidate changes, best first. Each is ONE targeted change:
        kind = add_instruction (text = the new instruction, target = ""), edit_instruction (target = an exact passage
        of the instructions, text = its replacement), remove_instruction (target = the exact passage), edit_tool_description
        (target = tool name, text = the full new description: say when to use the tool and how it differs from its
        neighbours, optionally with a usage example), remove_tool / add_tool (target = tool name from the catalog; remove a
        tool that only misleads), edit_model_settings (target = temperature, maxOutputTokens, maxSteps or maxToolCalls;
        text = the new value, or none).
        Rules: state GENERAL behaviour that fixes a whole pattern of failures. Never quote a case's names, ids, numbers
        or phrases: a change that only fixes the cases it quotes is overfitting and is flagged. Do not repeat a rejected
        change; avoid regressing the cases listed under rejected attempts. Keep instructions short (instructionWordsLeft).
        Give a one-sentence rationale per change.
        """;

    /// <summary>The user message: the input serialised — the same serialisation the holdout-isolation test inspects.</summary>
    public static string Render(ProposalInput input) => JsonSerializer.Serialize(input, Json);
}
