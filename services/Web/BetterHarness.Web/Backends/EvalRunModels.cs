using System.Text.Json;
using System.Text.Json.Nodes;

namespace BetterHarness.Web.Backends;

// The shapes of the optimizer's harness and eval-run API (/api/harnesses*, /api/evalruns*) as the pages read them.

public sealed record HarnessAgents(IReadOnlyList<string> Agents);

public sealed record HarnessVersionList(string Agent, int? Current, IReadOnlyList<HarnessVersionRow> Versions);

public sealed record HarnessVersionRow(string HarnessId, string Agent, int Version, int? Parent, string Author, string Reason,
    DateTimeOffset CreatedAt, bool Current, ModelProfile Model, int Tools, int InstructionWords)
{
    public ValidatedWithView? ValidatedWith { get; init; }
}

/// <summary>The model an optimisation validated a version with; <see cref="Simulated"/> follows the model's kind.</summary>
public sealed record ValidatedWithView(string Model, bool Simulated)
{
    public string Describe() => Simulated ? $"{Model} — a simulated model, not a real one" : Model;
}

/// <summary>The model settings a harness version was tuned for.</summary>
public sealed record ModelProfile(string? Name, double? Temperature, int MaxSteps, int? MaxOutputTokens = null, int? MaxToolCalls = null)
{
    public string Describe() => $"{Name ?? "any model"} · temperature {Temperature?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"} · at most {MaxSteps} steps"
        + (MaxToolCalls is { } calls ? $" · at most {calls} tool calls" : "")
        + (MaxOutputTokens is { } tokens ? $" · at most {tokens} output tokens a call" : "");
}

public sealed record HarnessVersionDetail(string HarnessId, string Agent, int Version, int? Parent, string Author, string Reason,
    DateTimeOffset CreatedAt, bool Current, string Instructions, IReadOnlyList<HarnessTool> Tools, ModelProfile Model, HarnessDiffView Diff)
{
    public ValidatedWithView? ValidatedWith { get; init; }
}

public sealed record HarnessTool(string Name, string Description, JsonElement Parameters);

/// <param name="Against">The parent version, null for a first version (everything is added).</param>
public sealed record HarnessDiffView(int? Against, int Added, int Removed, IReadOnlyList<HarnessDiffLine> Lines);

public sealed record HarnessDiffLine(string Op, string Text);

public sealed record ModelList(IReadOnlyList<ModelChoice> Models);

public sealed record ModelChoice(string Name, string Kind, bool Simulated, string? Model)
{
    public string Label => Simulated ? $"{Name} — simulation, not a real model" : $"{Name} ({Kind}{(Model is null ? "" : ": " + Model)})";
}

public sealed record EvalRunList(IReadOnlyList<EvalRunRow> Runs);

public sealed record EvalRunRow(string Id, string Agent, int HarnessVersion, string Model, bool Simulated, int Trials, string Status,
    int CaseCount, string? SnapshotId, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

public sealed record EvalRunView(string Id, string Status, string? Error, string Agent, int HarnessVersion, string Model, bool Simulated,
    int Trials, string? SnapshotId, RunFilter Filter, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    RunProgressView Progress, double PassRate, IReadOnlyDictionary<string, GroupScoreView> BySplit,
    IReadOnlyDictionary<string, GroupScoreView> ByCategory, IReadOnlyDictionary<string, GroupScoreView> ByCluster,
    MustPassView MustPass, IReadOnlyList<RunCaseView> Cases, RunTokens Tokens, RunTimeView Time)
{
    public bool Finished => Status is "completed" or "failed";

    /// <summary>Set while the optimizer's messages wait for an unreachable broker: what that means for this run.</summary>
    public BrokerWaitView? WaitingForBroker { get; init; }
}

/// <summary>Messages waiting for the broker since <paramref name="Since"/>, and what it means for the run.</summary>
public sealed record BrokerWaitView(long Messages, DateTimeOffset Since, string Message);

public sealed record RunFilter(string? Split, string? Category, bool MustPassOnly, IReadOnlyList<string>? CaseIds)
{
    public string Describe()
    {
        var parts = new List<string>();
        if (Split is not null) parts.Add("split " + Split);
        if (Category is not null) parts.Add("category " + Category);
        if (MustPassOnly) parts.Add("must-pass only");
        if (CaseIds is { Count: > 0 }) parts.Add($"{CaseIds.Count} named case(s)");
        return parts.Count == 0 ? "all cases" : string.Join(", ", parts);
    }
}

public sealed record RunProgressView(int CompletedTrials, int TotalTrials)
{
    public int Percent => TotalTrials == 0 ? 0 : (int)Math.Round(100.0 * CompletedTrials / TotalTrials);
}

public sealed record GroupScoreView(int Cases, double PassRate);

public sealed record MustPassView(int Cases, int Passing, IReadOnlyList<string> Failing);

public sealed record RunCaseView(string CaseId, string? Split, string Category, string? ClusterId, bool MustPass, double? PassRate,
    IReadOnlyList<RunTrialView> Trials);

public sealed record RunTrialView(int Trial, bool Passed, IReadOnlyList<GraderView> Graders, string TranscriptId, long Tokens, double DurationMs);

/// <param name="Status"><c>passed</c>, <c>failed</c> or <c>not_graded</c>.</param>
public sealed record GraderView(string Type, bool Passed, string Status, string Detail);

public sealed record RunTokens(long Input, long Output, long Total, double Cost);

public sealed record RunTimeView(double WallMs, double ModelMs, double RunnerOverheadMsPerTrial);

public sealed record TranscriptView(string TranscriptId, string RunId, string CaseId, int Trial, TranscriptBody Transcript);

public sealed record TranscriptBody(IReadOnlyList<TranscriptMessageView> Messages, int Steps, long InputTokens, long OutputTokens,
    double DurationMs, double ModelMs, bool StepLimitReached, string? Error, string? Model);

public sealed record TranscriptMessageView(string Role, string? Text, IReadOnlyList<TranscriptCallView>? ToolCalls, string? ToolCallId,
    string? ToolName, bool? Recorded);

public sealed record TranscriptCallView(string Id, string Name, string Arguments);

public sealed record ComparisonView(ComparedRun A, ComparedRun B, bool SameSnapshot, IReadOnlyList<ComparedCase> Cases,
    IReadOnlyDictionary<string, CategoryDeltaView> ByCategory, double Difference, IReadOnlyList<double> Ci95, double PValue,
    int Wins, int Losses, int Ties, IReadOnlyList<string> OnlyInA, IReadOnlyList<string> OnlyInB, IReadOnlyList<SideBySideTrial>? SideBySide);

public sealed record ComparedRun(string Id, string Agent, int HarnessVersion, string Model, bool Simulated, string Status, string? SnapshotId, int Trials);

/// <param name="Outcome"><c>win</c> (B passes more often), <c>loss</c> or <c>tie</c>.</param>
public sealed record ComparedCase(string CaseId, string Category, double A, double B, string Outcome);

public sealed record CategoryDeltaView(int Cases, double A, double B, double Delta);

public sealed record SideBySideTrial(int Trial, TranscriptBody? A, TranscriptBody? B);

/// <summary>What the start-a-run form sends to <c>POST /api/evalruns</c>.</summary>
public sealed record StartRunForm(string Agent, int? Version, string? SnapshotId, string? Split, string? Category, bool MustPassOnly,
    string Model, int? Trials)
{
    public JsonObject ToJson() => new()
    {
        ["agent"] = Agent, ["version"] = Version, ["snapshotId"] = SnapshotId, ["split"] = Split, ["category"] = Category,
        ["mustPassOnly"] = MustPassOnly, ["model"] = Model, ["trials"] = Trials,
    };
}
