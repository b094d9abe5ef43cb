using System.Collections.Concurrent;
using BetterHarness.Mining.Domain.Adaptation;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Detectors;

/// <summary>What a training pass did for an agent.</summary>
public sealed record TrainingRun(string Agent, bool Trained, int? Version, bool ActiveChanged, string Reason);

/// <summary>
/// A training pass for one agent (one at a time per agent): its labels (a person's, else a review verdict's, else the judge's
/// at half weight) become
/// rows of the shipped model's features, <see cref="AdaptationPass"/> fits and scores the adapted model, and the version is
/// stored (active when it beats the shipped model on the agent's labels).
/// </summary>
public sealed class DetectorTraining(
    LabelStore labels, AgentDetectors detectors, DetectorVersions versions, Rescoring rescoring, IOptions<DetectorOptions> options,
    TimeProvider clock, ILogger<DetectorTraining> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Agents whose people's labels (person and review) changed in number since their last pass.</summary>
    public IReadOnlyList<string> Due() => labels.Agents()
        .Where(a => labels.Human(a).Count != (versions.State(a)?.TrainedLabels ?? 0)).ToList();

    public async Task<TrainingRun> TrainAsync(string agent, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(agent, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try { return await Task.Run(() => Train(agent, ct), ct); }
        finally { gate.Release(); }
    }

    private TrainingRun Train(string agent, CancellationToken ct)
    {
        var o = options.Value;
        var all = labels.ForTraining(agent);
        var person = all.Count(l => LabelSources.IsHuman(l.Source));
        var now = clock.GetUtcNow();
        if (all.Count == 0)
        {
            versions.Looked(agent, 0, now);
            return new TrainingRun(agent, false, null, false, "no labels yet");
        }
        var rows = detectors.Shipped.Prior([.. all.Select(l => new CorrectionPair(l.Assistant, l.User))], ct);
        var examples = all.Select((l, i) => new TrainingExample(rows[i], l.IsCorrection, LabelSources.IsHuman(l.Source) ? 1 : 0.5,
            l.ConversationId ?? l.TraceId, LabelSources.IsHuman(l.Source))).ToList();
        var pass = new AdaptationPass(new AdaptationTrainer(new AdaptationPenalties(o.PriorPenalty, o.CuePenalty, o.EmbeddingPenalty)),
            o.MinLabels, o.MinPositives, o.Folds, o.Switch, o.ThresholdObjective);
        var outcome = pass.Run(examples);
        if (outcome.Model is null)
        {
            versions.Looked(agent, person, now);
            return new TrainingRun(agent, false, null, false, outcome.Reason);
        }
        var (version, changed) = versions.Add(agent, outcome, person, examples.Count(e => e.Person && e.Label), now);
        logger.LogInformation("Correction detector of {Agent}: version {Version} — {Reason}", agent, version, outcome.Reason);
        if (changed) rescoring.Signal();
        return new TrainingRun(agent, true, version, changed, outcome.Reason);
    }
}
