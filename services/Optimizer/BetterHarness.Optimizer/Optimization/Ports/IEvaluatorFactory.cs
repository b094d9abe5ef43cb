using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>Turns a model name into what a run needs: an evaluator over the snapshot's cases and a proposer.</summary>
public interface IEvaluatorFactory
{
    /// <summary>True for <c>simulated</c> and every configured model name.</summary>
    bool IsKnown(string model);

    /// <summary>True when the model's kind is <c>simulated</c> (whatever it is called): its results are labelled a simulation.</summary>
    bool IsSimulated(string model);

    /// <param name="transcripts">Where the evaluator keeps each trial's transcript (JSON) under its id.</param>
    IHarnessEvaluator Create(string model, IReadOnlyList<EvalCase> cases, ITranscriptSink transcripts);

    /// <summary>The model proposer when a proposer model is configured, else the offline rule-based one.</summary>
    IHarnessProposer Proposer(string model);
}

/// <summary>Keeps transcripts of an optimisation's trials.</summary>
public interface ITranscriptSink
{
    /// <summary>Stores each transcript (JSON) and returns their ids, in order.</summary>
    IReadOnlyList<string> StoreMany(IReadOnlyList<(string CaseId, int Trial, string HarnessHash, string Json)> transcripts);
}
