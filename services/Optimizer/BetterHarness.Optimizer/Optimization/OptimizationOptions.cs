using System.ComponentModel.DataAnnotations;
using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Optimization;

/// <summary>Optimisation runs. Section <c>BetterHarness:Optimization</c>.</summary>
public sealed class OptimizationOptions
{
    public const string Section = "BetterHarness:Optimization";

    /// <summary>Trials per case when a request names none. Default 3.</summary>
    [Range(1, 20)] public int DefaultTrials { get; set; } = 3;

    /// <summary>Iterations when a request names none. Default 5.</summary>
    [Range(0, 100)] public int DefaultMaxIterations { get; set; } = 5;

    /// <summary>Candidate changes evaluated per iteration; the best accepted one wins. Default 1.</summary>
    [Range(1, 10)] public int CandidatesPerIteration { get; set; } = 1;

    /// <summary>Largest one-sided p-value of the paired test at which a gain counts. Default 0.05.</summary>
    [Range(0.0001, 0.5)] public double Alpha { get; set; } = 0.05;

    /// <summary>Pass-rate move that counts as a case gaining or regressing. Default 0.5 (half its trials).</summary>
    [Range(0.01, 1.0)] public double RegressionThreshold { get; set; } = 0.5;

    /// <summary>Share of optimisation cases that may regress in an accepted change (must-pass cases: none). Default 0.05.</summary>
    [Range(0.0, 1.0)] public double RegressionBudget { get; set; } = 0.05;

    /// <summary>Policy: reject changes the overfit lint flags (instead of only showing the flags). Default false.</summary>
    public bool RejectLintFlags { get; set; }

    /// <summary>Instructions may grow by this share of their starting words (or <see cref="MinBloatWords"/>) before bloat is flagged. Default 0.25.</summary>
    [Range(0.0, 10.0)] public double BloatFraction { get; set; } = 0.25;

    /// <summary>See <see cref="BloatFraction"/>. Default 150.</summary>
    [Range(0, 100_000)] public int MinBloatWords { get; set; } = 150;

    /// <summary>Token budget per run (eval + proposer); none by default.</summary>
    [Range(1, long.MaxValue)] public long? MaxTokens { get; set; }

    /// <summary>Wall-time budget per run; none by default.</summary>
    public TimeSpan? MaxWallTime { get; set; }

    /// <summary>Cases per evaluator call; each chunk is stored as it finishes (the most a crash redoes). Default 20.</summary>
    [Range(1, 10_000)] public int EvaluationChunkSize { get; set; } = 20;

    /// <summary>Start a run automatically once this many new cases were accepted for an agent; 0 (default) = off.</summary>
    [Range(0, 1_000_000)] public int AutoTriggerAfterAcceptedCases { get; set; }

    /// <summary>Model automatic runs evaluate with (a name from <c>BetterHarness:Models</c>). Default <c>simulated</c>.</summary>
    [Required] public string AutoTriggerModel { get; set; } = "simulated";

    /// <summary>(case, trial) pairs evaluated at once. Default 4.</summary>
    [Range(1, 256)] public int MaxParallelTrials { get; set; } = 4;

    /// <summary>
    /// Model that proposes changes: a model id at <see cref="ProposerEndpoint"/>, or without an endpoint the name of a Kind=openai
    /// model under <c>BetterHarness:Models</c>; none (default) = the offline rule-based proposer.
    /// </summary>
    public string? ProposerModel { get; set; }

    /// <summary>OpenAI-compatible base URL for the proposer (e.g. <c>http://127.0.0.1:11434/v1</c> for Ollama).</summary>
    [Url] public string? ProposerEndpoint { get; set; }

    /// <summary>API key for <see cref="ProposerEndpoint"/>.</summary>
    public string? ProposerApiKey { get; set; }

    public OptimizationSettings Settings(int maxIterations, int trials) => new()
    {
        MaxIterations = maxIterations,
        Trials = trials,
        CandidatesPerIteration = CandidatesPerIteration,
        MaxTokens = MaxTokens,
        MaxWallTime = MaxWallTime,
        EvaluationChunkSize = EvaluationChunkSize,
        Validation = new ValidationPolicy(Alpha, RegressionThreshold, RegressionBudget, RejectLintFlags),
        Lint = new LintOptions(BloatFraction, MinBloatWords),
    };
}
