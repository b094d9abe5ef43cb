using System.Text.Json.Nodes;
using BetterHarness.Optimizer.Domain.Optimization.Reporting;
using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Running;
using BetterHarness.Optimizer.Optimization.Storage;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Optimization.Api;

/// <summary>
/// <c>GET /api/optimizations/{id}</c> → status, progress and, once finished, the report (its <c>status</c> kept in
/// step with the run's); <c>GET /api/optimizations/{id}/report.md</c> → the report as Markdown;
/// <c>GET /api/optimizations/{id}/transcripts/{transcriptId}</c> → one trial's transcript.
/// </summary>
public static class GetOptimization
{
    public static IResult Handle(string id, OptimizationRuns runs, IEvaluatorFactory models) =>
        runs.Get(id) is { } run ? Results.Json(View(run, runs, models)) : ApiError.NotFound(id);

    public static IResult Markdown(string id, OptimizationRuns runs)
    {
        if (runs.Get(id) is not { } run) return ApiError.NotFound(id);
        if (Report(run) is not { } report) return ApiError.Conflict($"optimisation {id} is {run.Status}: the report exists once it has finished");
        return Results.Text(MarkdownReport.Render(report, $"Optimisation {run.Id} — {run.Agent}"), "text/markdown; charset=utf-8");
    }

    public static IResult Transcript(string id, string transcriptId, OptimizationDatabase db) =>
        transcriptId.StartsWith(id + ":", StringComparison.Ordinal) && StoredTranscripts.Load(db, transcriptId) is { } json
            ? Results.Text(json, "application/json")
            : Results.Json(new { error = $"transcript {transcriptId} is unknown in optimisation {id}" }, statusCode: StatusCodes.Status404NotFound);

    /// <summary>The stored report with the run's current status, or null while the run has none.</summary>
    public static OptimizationReport? Report(OptimizationRun run) => run.ReportJson is null ? null
        : System.Text.Json.JsonSerializer.Deserialize<OptimizationReport>(run.ReportJson, OptimizationRunner.ReportJson)! with { Status = run.Status };

    /// <param name="models">Says whether the run's model is of the simulated kind (by kind, not by name).</param>
    public static object View(OptimizationRun run, OptimizationRuns runs, IEvaluatorFactory models)
    {
        JsonNode? report = null;
        if (run.ReportJson is not null)
        {
            report = JsonNode.Parse(run.ReportJson)!;
            report["status"] = run.Status;
        }
        return new
        {
            id = run.Id, agent = run.Agent, status = run.Status, createdAt = run.CreatedAt, startedAt = run.StartedAt, finishedAt = run.FinishedAt,
            requestedBy = run.RequestedBy, snapshotId = run.Parameters.SnapshotId, maxIterations = run.Parameters.MaxIterations,
            trials = run.Parameters.Trials, model = run.Parameters.Model, simulated = models.IsSimulated(run.Parameters.Model),
            progress = run.Progress, error = run.Error, baseVersion = run.BaseVersion, harnessVersion = run.HarnessVersion,
            decidedBy = run.DecidedBy, decidedAt = run.DecidedAt, decisionReason = run.DecisionReason,
            // Provenance of the version the run offers: the model it was validated with, labelled by the model's kind.
            validatedWith = run.HarnessVersion is not null && run.HarnessVersion != run.BaseVersion
                ? new { model = run.Parameters.Model, simulated = models.IsSimulated(run.Parameters.Model) } : null,
            audit = runs.AuditOf(run.Id).Select(a => new { at = a.At, actor = a.Actor, role = a.Role, action = a.Action, detail = a.Detail }),
            report,
        };
    }
}
