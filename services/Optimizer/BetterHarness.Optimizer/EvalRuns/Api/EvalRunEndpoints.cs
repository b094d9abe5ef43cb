using BetterHarness.Contracts;
using BetterHarness.Optimizer.EvalRuns.Models;
using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.EvalRuns.Api;

/// <summary>
/// <c>POST /api/evalruns</c> → <c>{id}</c> (queued; runs asynchronously over the bus), <c>GET /api/evalruns</c>,
/// <c>GET /api/evalruns/{id}</c> (the report), <c>GET /api/evalruns/{id}/export</c> (JSON lines, one per trial),
/// <c>GET /api/evalruns/transcripts/{transcriptId}</c>, <c>GET /api/evalruns/compare?a=&amp;b=[&amp;caseId=]</c>,
/// <c>GET /api/evalruns/models</c> (the configured models a run can name; keys and URLs are not shown).
/// </summary>
public static class EvalRunEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/evalruns", Start).Writes(Role.Curator, "evalrun.start");
        app.MapGet("/api/evalruns", List).RequireRole(Role.Viewer);
        app.MapGet("/api/evalruns/compare", CompareEndpoint.Handle).RequireRole(Role.Viewer);
        app.MapGet("/api/evalruns/models", Models).RequireRole(Role.Viewer);
        app.MapGet("/api/evalruns/transcripts/{transcriptId}", Transcript).RequireRole(Role.Viewer);
        app.MapGet("/api/evalruns/{id}", Get).RequireRole(Role.Viewer);
        app.MapGet("/api/evalruns/{id}/export", Export).RequireRole(Role.Viewer);
    }

    private static IResult Start(StartEvalRunRequest? request, HttpContext context, HarnessStore harnesses, EvalRunStore runs, ModelCatalog models,
        IOptions<EvalRunOptions> options, BetterHarness.Optimizer.Optimization.Storage.OptimizationDatabase audit, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request?.Agent)) return Results.BadRequest(new { error = "agent is required" });
        if (request.CaseIds is { Count: > 10_000 }) return Results.BadRequest(new { error = $"'caseIds' has {request.CaseIds.Count} entries; the limit is 10,000" });
        var version = request.Version ?? harnesses.Current(request.Agent)?.Version.Version;
        if (version is null || harnesses.Get(request.Agent, version.Value) is null)
            return Results.BadRequest(new { error = request.Version is null
                ? $"agent '{request.Agent}' has no current harness: create one with POST /api/harnesses or give a version"
                : $"agent '{request.Agent}' has no harness version {request.Version}" });
        var modelName = string.IsNullOrWhiteSpace(request.Model) ? ModelCatalog.SimulatedName : request.Model;
        if (models.Find(modelName) is not { } model)
            return Results.BadRequest(new { error = $"model '{modelName}' is not configured; known: {string.Join(", ", models.All.Keys)}" });
        var trials = request.Trials ?? options.Value.DefaultTrials;
        if (trials is < 1 or > 100) return Results.BadRequest(new { error = "trials must be 1..100" });
        if (request.Split is { } split && split is not ("optimization" or "holdout"))
            return Results.BadRequest(new { error = "split must be optimization or holdout" });

        var filter = new CaseFilter(request.Split, request.Category, request.MustPassOnly ?? false, request.CaseIds);
        var run = runs.Create(request.Agent, version.Value, request.SnapshotId, filter, modelName, model.Simulated, trials);
        AuditLog.Write(audit.Database, context.RequiredActor(), "evalrun.start", run.Id,
            $"agent {request.Agent} version {version}, model {modelName}, {trials} trials", clock.GetUtcNow());
        // RunEvalSuite went into the outbox with the run: the answer never waits for the broker.
        return Results.Json(new { id = run.Id, status = run.Status, simulated = run.Simulated }, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Models(ModelCatalog models) => Results.Json(new
    {
        models = models.All.OrderBy(m => m.Key == ModelCatalog.SimulatedName ? 0 : 1).ThenBy(m => m.Key, StringComparer.OrdinalIgnoreCase)
            .Select(m => new { name = m.Key, kind = m.Value.Kind, simulated = m.Value.Simulated, model = m.Value.Model }),
    });

    private static IResult List(HttpContext context, EvalRunStore runs)
    {
        var agent = context.Request.Query["agent"].ToString() is { Length: > 0 } a ? a : null;
        var limit = int.TryParse(context.Request.Query["limit"], out var l) && l is > 0 and <= 1000 ? l : 100;
        return Results.Json(new
        {
            runs = runs.List(agent, limit).Select(r => new
            {
                id = r.Id, agent = r.Agent, harnessVersion = r.HarnessVersion, model = r.Model, simulated = r.Simulated, trials = r.Trials,
                status = r.Status, caseCount = r.CaseCount, snapshotId = r.SnapshotId, createdAt = r.CreatedAt, finishedAt = r.FinishedAt,
            }),
        });
    }

    private static IResult Get(string id, EvalRunStore runs, ModelCatalog models) => runs.Get(id) is { } run
        ? Results.Json(EvalRunReport.Build(run, runs, models))
        : Results.NotFound(new { error = $"eval run {id} is unknown" });

    private static IResult Transcript(string transcriptId, EvalRunStore runs)
    {
        if (TranscriptIds.Parse(transcriptId) is not { } key) return Results.BadRequest(new { error = "a transcript id looks like RUN~CASE~TRIAL" });
        return runs.Transcript(key.RunId, key.CaseId, key.Trial) is { } transcript
            ? Results.Json(new { transcriptId, runId = key.RunId, caseId = key.CaseId, trial = key.Trial, transcript })
            : Results.NotFound(new { error = $"transcript {transcriptId} is unknown" });
    }

    private static async Task Export(string id, HttpContext context, EvalRunStore runs, ModelCatalog models)
    {
        if (runs.Get(id) is not { } run)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = $"eval run {id} is unknown" });
            return;
        }
        context.Response.ContentType = "application/x-ndjson";
        foreach (var c in EvalRunReport.Build(run, runs, models).Cases)
            foreach (var t in c.Trials)
            {
                var line = System.Text.Json.JsonSerializer.Serialize(new
                {
                    runId = id, caseId = c.CaseId, split = c.Split, category = c.Category, mustPass = c.MustPass, trial = t.Trial, passed = t.Passed,
                    graders = t.Graders, transcript = runs.Transcript(id, c.CaseId, t.Trial),
                }, EvalRunStore.Json);
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
            }
    }
}
