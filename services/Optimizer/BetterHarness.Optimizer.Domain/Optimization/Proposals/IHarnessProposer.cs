namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>Proposes harness changes from a <see cref="ProposalInput"/> — which by construction holds no holdout data.</summary>
public interface IHarnessProposer
{
    /// <summary>Shown in reports (e.g. <c>rules</c>, <c>model:gpt-4o</c>).</summary>
    string Name { get; }

    Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken);
}
