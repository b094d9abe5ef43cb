using System.Collections.Concurrent;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Optimization.Ports;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

/// <summary>Harness versions kept in memory (the harness store's seam), with a change counter standing in for an ETag.</summary>
internal sealed class MemoryHarnessVersions : IHarnessVersions
{
    private readonly ConcurrentDictionary<(string, int), HarnessDocument> _versions = new();
    private readonly ConcurrentDictionary<string, int> _current = new();

    public void Seed(string agent, HarnessDocument harness)
    {
        _versions[(agent, 1)] = harness;
        _current[agent] = 1;
    }

    public int? Current(string agent) => _current.TryGetValue(agent, out var v) ? v : null;

    public Task<StoredHarness?> CurrentAsync(string agent, CancellationToken cancellationToken) =>
        Task.FromResult(_current.TryGetValue(agent, out var v) ? new StoredHarness(agent, v, _versions[(agent, v)]) : null);

    public Task<StoredHarness?> GetAsync(string agent, int version, CancellationToken cancellationToken) =>
        Task.FromResult(_versions.TryGetValue((agent, version), out var d) ? new StoredHarness(agent, version, d) : null);

    public Task<int> CreateAsync(string agent, HarnessDocument harness, int? parentVersion, string author, string reason, CancellationToken cancellationToken)
    {
        lock (_versions)
        {
            var next = _versions.Keys.Where(k => k.Item1 == agent).Select(k => k.Item2).DefaultIfEmpty().Max() + 1;
            _versions[(agent, next)] = harness;
            return Task.FromResult(next);
        }
    }

    public ConcurrentDictionary<(string, int), BetterHarness.Optimizer.Harnesses.Storage.ValidatedWith> Validations { get; } = new();

    public Task RecordValidationAsync(string agent, int version, BetterHarness.Optimizer.Harnesses.Storage.ValidatedWith validatedWith,
        CancellationToken cancellationToken)
    {
        Validations.TryAdd((agent, version), validatedWith);
        return Task.CompletedTask;
    }
}

/// <summary>The fixture's cases as an eval snapshot.</summary>
internal sealed class FixtureSnapshots(Fixture fixture) : IEvalSnapshots
{
    public Task<EvalSnapshot> LoadAsync(string agent, string? snapshotId, CancellationToken cancellationToken) =>
        snapshotId is null or "snap_fixture"
            ? Task.FromResult(new EvalSnapshot("snap_fixture", fixture.Cases.Select(ToEvalCase).ToList()))
            : throw new SnapshotNotFoundException($"eval snapshot '{snapshotId}' is unknown to curation");

    private static EvalCase ToEvalCase(FixtureCase c) => new()
    {
        Id = c.Id,
        Input = new CaseInput { Messages = c.Texts.Select(t => new CaseMessage("user", t)).ToList() },
        Expected = new CaseExpectation { Behaviour = $"call {c.Tool}" },
        // Every mined case carries a judge rubric too: graded with a judge model, named as ungraded without one.
        Graders = [Grader.ToolCalled(c.Tool), Grader.LlmJudge("The agent resolves the request without asking for what it was given.")],
        Category = c.Category,
        Split = c.Holdout ? "holdout" : "optimization",
        MustPass = c.MustPass,
    };
}

/// <summary>The fixture's deterministic evaluator for <c>simulated</c>; can be made to crash once.</summary>
internal sealed class FixtureEvaluators(Fixture fixture) : IEvaluatorFactory
{
    public FakeEvaluator? Last { get; private set; }

    public TimeSpan Delay { get; set; }

    public List<FakeEvaluator> Created { get; } = [];

    public bool IsKnown(string model) => model == "simulated";

    public bool IsSimulated(string model) => model == "simulated";

    public IHarnessEvaluator Create(string model, IReadOnlyList<EvalCase> cases, ITranscriptSink transcripts)
    {
        Last = new FakeEvaluator(fixture.ById, 0.02) { Delay = Delay, Transcripts = transcripts };
        Created.Add(Last);
        return Last;
    }

    public IHarnessProposer Proposer(string model) => new RuleBasedProposer();
}
