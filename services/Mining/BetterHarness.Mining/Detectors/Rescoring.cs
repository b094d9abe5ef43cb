using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.Mining.Processing;
using BetterHarness.Mining.Storage;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Detectors;

/// <summary>What one re-scoring of an agent's recent conversations did.</summary>
public sealed record RescoreRun(string Agent, int Version, int Scored, int Proposed, int Withdrawn, int Kept);

/// <summary>
/// When an agent's active detector changes, its conversations of the last <see cref="DetectorOptions.RescoreWindow"/> are
/// scored again: a trace that now yields a case and feeds none becomes a candidate; a correction candidate whose turn no
/// longer qualifies is withdrawn, unless a person acted on it (labelled a turn of the trace, or decided the candidate in
/// review, which labels it). Nothing is duplicated: a trace feeds at most one candidate. An agent is due while its active
/// version differs from the one it was last re-scored with, so a pass a crash interrupted runs again.
/// </summary>
public sealed class Rescoring(
    DigestArchive archive, CandidateMiner miner, CandidateWithdrawals withdrawals, LabelStore labels, AgentDetectors detectors,
    MiningDatabase db, IOptions<DetectorOptions> options, TimeProvider clock, ILogger<Rescoring> logger)
{
    /// <summary>Most conversations one pass reads (newest first).</summary>
    public const int MaxConversations = 20_000;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Wakes the worker (an active version may have changed).</summary>
    public void Signal()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    public IReadOnlyList<string> Due()
    {
        using var c = db.Database.Open();
        return c.Query<string>("""
            SELECT s.agent FROM detector_state s LEFT JOIN detector_rescores r ON r.agent = s.agent
            WHERE s.active_version <> COALESCE(r.version, 0) ORDER BY s.agent
            """).ToList();
    }

    public async Task<RescoreRun> RunAsync(string agent, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return await Task.Run(() => Run(agent, ct), ct); }
        finally { _gate.Release(); }
    }

    private RescoreRun Run(string agent, CancellationToken ct)
    {
        var version = detectors.Active(agent).Version;
        var since = clock.GetUtcNow() - options.Value.RescoreWindow;
        int scored = 0, withdrawn = 0, kept = 0;
        var toPropose = new List<(TraceDigest Digest, EvalCase Case)>();
        foreach (var traceId in archive.Recent(agent, since, MaxConversations))
        {
            ct.ThrowIfCancellationRequested();
            if (archive.Find(traceId) is not { } digest) continue;
            scored++;
            var evalCase = miner.Build(digest, ct);
            var human = labels.List(null, traceId).Where(l => LabelSources.IsHuman(l.Source)).ToList();
            if (withdrawals.SourceOf(traceId) is not { } source)
            {
                // A person said the trace's turns are not corrections: the detector does not overrule them.
                if (evalCase is not null && !(human.Count > 0 && human.All(l => !l.IsCorrection))) toPropose.Add((digest, evalCase));
                continue;
            }
            if (source.Reason != CaseDraft.UserCorrection || (evalCase is not null && CandidateProvenance.Sources(evalCase)[0].Reason == CaseDraft.UserCorrection)) continue;
            if (human.Count > 0)
            {
                kept++;
                continue;
            }
            if (withdrawals.Withdraw(traceId, source.CandidateId, $"re-scored with detector version {version}: no user turn qualifies as a correction"))
                withdrawn++;
        }
        // Withdrawals first: a new candidate must not merge into one that is about to be withdrawn.
        var proposed = toPropose.Count(p => miner.Propose(p.Digest, p.Case, ct) is not null);
        Record(agent, version, scored, proposed, withdrawn);
        logger.LogInformation("Re-scored {Agent}'s conversations with detector version {Version}: {Scored} scored, {Proposed} proposed, {Withdrawn} withdrawn, {Kept} kept (a person acted)",
            agent, version, scored, proposed, withdrawn, kept);
        return new RescoreRun(agent, version, scored, proposed, withdrawn, kept);
    }

    /// <summary>The agent's last re-scoring, or null.</summary>
    public (int Version, DateTimeOffset At, int Scored, int Proposed, int Withdrawn)? Last(string agent)
    {
        using var c = db.Database.Open();
        var row = c.QueryFirstOrDefault<(long Version, string At, long Scored, long Proposed, long Withdrawn)?>(
            "SELECT version, rescored_at, scored, proposed, withdrawn FROM detector_rescores WHERE agent = @agent", new { agent });
        return row is { } r ? ((int)r.Version, DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), (int)r.Scored, (int)r.Proposed, (int)r.Withdrawn) : null;
    }

    private void Record(string agent, int version, int scored, int proposed, int withdrawn)
    {
        using var c = db.Database.Open();
        c.Execute("""
            INSERT INTO detector_rescores (agent, version, rescored_at, scored, proposed, withdrawn) VALUES (@agent, @version, @at, @scored, @proposed, @withdrawn)
            ON CONFLICT (agent) DO UPDATE SET version = excluded.version, rescored_at = excluded.rescored_at, scored = excluded.scored,
                proposed = excluded.proposed, withdrawn = excluded.withdrawn
            """, new { agent, version, at = clock.GetUtcNow().ToString("O"), scored, proposed, withdrawn });
    }
}
