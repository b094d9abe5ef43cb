using System.Text.Json;
using System.Text.Json.Serialization;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Grading;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Optimization.Ports;
using CaseResult = BetterHarness.Optimizer.Domain.Optimization.Evaluation.CaseResult;
using EvalTrial = BetterHarness.Optimizer.Domain.EvalRuns.TrialResult;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>
/// The optimiser's evaluator seam on the shared eval runner: runs the snapshot's cases with the run's model
/// (simulated or real), keeps each trial's transcript, and reduces each trial to what the loop needs.
/// </summary>
/// <param name="judgeModel">Name of the judge model in <paramref name="options"/> (null: llm_judge graders go ungraded).</param>
public sealed class EvalRunnerEvaluator(IAgentRunner model, IReadOnlyList<EvalCase> cases, ITranscriptSink transcripts,
    EvalOptions options, string? judgeModel = null) : IHarnessEvaluator
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
    private readonly Dictionary<string, EvalCase> _cases = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public bool IsSimulated => model.Simulated;

    public string? JudgeModel => options.Judge is null ? null : judgeModel;

    public async Task<IReadOnlyList<CaseResult>> EvaluateAsync(HarnessDocument harness, IReadOnlyList<SuiteCase> suiteCases, int trials,
        int firstTrial, CancellationToken cancellationToken)
    {
        var result = await EvalRunner.EvaluateAsync(harness, suiteCases.Select(c => _cases[c.Id]).ToList(), trials, model,
            options with { FirstTrial = firstTrial }, cancellationToken);
        var hash = HarnessHash.Of(harness);
        var transcriptIds = transcripts.StoreMany(result.Cases.SelectMany(c => c.Trials)
            .Select(t => (t.CaseId, t.Trial, hash, JsonSerializer.Serialize(new { graders = t.Graders, transcript = t.Transcript }, Json))).ToList());
        var next = 0;
        return result.Cases.Select(c => new CaseResult(c.Case.Id, c.Trials.Select(t => Reduce(t, transcriptIds[next++])).ToList())).ToList();
    }

    private static Domain.Optimization.Evaluation.TrialResult Reduce(EvalTrial trial, string transcriptId) => new(
        trial.Passed,
        trial.Graders.Where(g => g.Status == GraderStatus.Failed).Select(g => new GraderFailure(g.Type, g.Tool, g.Detail)).ToList(),
        trial.Transcript.Messages.SelectMany(m => m.ToolCalls ?? []).Select(c => c.Name).ToList(),
        trial.Transcript.Messages.LastOrDefault(m => m.Role == "assistant" && !string.IsNullOrWhiteSpace(m.Text))?.Text,
        transcriptId,
        (int)Math.Min(int.MaxValue, trial.Transcript.InputTokens + trial.Transcript.OutputTokens))
    {
        Ungraded = trial.Graders.Count(g => g.Status == GraderStatus.NotGraded),
    };
}
