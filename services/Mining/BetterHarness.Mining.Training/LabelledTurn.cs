using System.Text.Json.Serialization;

namespace BetterHarness.Mining.Training;

/// <summary>
/// One labelled (assistant, user) pair of the training set, as shipped in Model/training/*.jsonl.
/// <paramref name="Votes"/> is how many annotators said the user corrects the system (C1 with a reaction other than
/// "ignore and continue") out of the <paramref name="Annotators"/> who annotated the turn (EURTAD); hand-labelled
/// tau-bench turns have one annotator.
/// </summary>
public sealed record LabelledTurn(string Id, string Dialog, string Source, string Assistant, string User,
    int Votes, int Annotators, bool Label)
{
    /// <summary>tau-bench: what a correct agent does in the turn's task ("acts" — books, cancels, changes, compensates —
    /// or "refuses-or-transfers"), from the task's ground-truth actions; the cross-domain split holds out one kind of task.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TaskIntent { get; init; }
}
