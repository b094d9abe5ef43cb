using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Tests.Optimization;

/// <summary>Proposes the given changes, one list per iteration, and keeps every input it was given.</summary>
internal sealed class ScriptedProposer(params IReadOnlyList<HarnessChange>[] perIteration) : IHarnessProposer
{
    public List<ProposalInput> Inputs { get; } = [];

    public string Name => "scripted";

    public Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
    {
        Inputs.Add(input);
        var changes = Inputs.Count <= perIteration.Length ? perIteration[Inputs.Count - 1] : [];
        return Task.FromResult(new Proposal(changes, 10));
    }

    public static HarnessChange Add(string text) => new(ChangeKinds.AddInstruction, "", text, "test");
}

/// <summary>Wraps a proposer and keeps its inputs.</summary>
internal sealed class RecordingProposer(IHarnessProposer inner) : IHarnessProposer
{
    public List<ProposalInput> Inputs { get; } = [];

    public string Name => inner.Name;

    public Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
    {
        Inputs.Add(input);
        return inner.ProposeAsync(input, cancellationToken);
    }
}
