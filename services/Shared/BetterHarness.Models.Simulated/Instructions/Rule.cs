namespace BetterHarness.Models.Simulated.Instructions;

/// <summary>
/// One instruction sentence read as "in this situation, do this": the situation (null = always), whether it is an
/// "unless" clause (the rule holds when the situation does NOT match), the literal values it quotes (ids, codes —
/// a rule about one booking holds only in a conversation that mentions it), and what it makes the model do.
/// </summary>
/// <param name="Tool">Set when the rule is a sentence of that tool's description ("Use it when …"), null for an instruction.</param>
internal sealed record Rule(string Text, string? Situation, bool Unless, IReadOnlyList<string> Literals, IReadOnlyList<RuleEffect> Effects,
    string? Tool = null);

internal enum RuleAction
{
    /// <summary>Call the tool.</summary>
    Call,
    /// <summary>Do not call the tool.</summary>
    Avoid,
    /// <summary>Call <see cref="RuleEffect.Tool"/> before <see cref="RuleEffect.Then"/>.</summary>
    Order,
    /// <summary>Do not ask the user a question; act on what the conversation holds.</summary>
    NoQuestion,
    /// <summary>State the concrete values (from the user and the tools) in the answer.</summary>
    StateValues,
}

internal sealed record RuleEffect(RuleAction Action, string? Tool = null, string? Then = null);
