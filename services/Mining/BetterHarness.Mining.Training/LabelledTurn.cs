namespace BetterHarness.Mining.Training;

/// <summary>
/// One labelled (assistant, user) pair of the training set, as shipped in Model/training/*.jsonl.
/// <paramref name="Votes"/> is how many annotators marked the turn a correction out of <paramref name="Annotators"/>
/// (EURTAD); hand-labelled tau-bench turns have one annotator.
/// </summary>
public sealed record LabelledTurn(string Id, string Dialog, string Source, string Assistant, string User,
    int Votes, int Annotators, bool Label);
