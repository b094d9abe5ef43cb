using System.Collections.Concurrent;
using BetterHarness.Mining.Detectors;
using BetterHarness.Mining.Domain.Adaptation;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Mining.Api;

/// <summary>
/// <c>GET /api/corrections/detector?agent=</c> → the agent's active detector and its versions;
/// <c>POST /api/corrections/detector/retrain?agent=</c> (admin) → a training pass now, answered when finished with the new state;
/// <c>POST /api/corrections/detector/pin?agent=&amp;version=</c> (admin; 0 = shipped, an older one rolls back) and
/// <c>DELETE /api/corrections/detector/pin?agent=</c> (the next pass decides again).
/// </summary>
public static class DetectorEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/corrections/detector", Get);
        app.MapGet("/api/corrections/detectors", List);
        app.MapPost("/api/corrections/detector/retrain", Retrain).Writes(Role.Admin, "detector.retrain");
        app.MapPost("/api/corrections/detector/pin", Pin).Writes(Role.Admin, "detector.pin");
        app.MapDelete("/api/corrections/detector/pin", Unpin).Writes(Role.Admin, "detector.unpin");
    }

    private static IResult Get(HttpRequest request, DetectorViews views) =>
        Agent(request) is { } agent ? Results.Json(views.State(agent)) : MissingAgent();

    /// <summary>Every agent with labels or a detector: its active version and label counts.</summary>
    private static IResult List(LabelStore labels, DetectorVersions versions) => Results.Json(new
    {
        agents = labels.Agents().Select(agent =>
        {
            var human = labels.Human(agent);
            var state = versions.State(agent);
            return new { agent, activeVersion = state?.ActiveVersion ?? 0, pinnedBy = state?.PinnedBy, labels = human.Count, positives = human.Count(l => l.IsCorrection) };
        }),
    });

    private static async Task<IResult> Retrain(HttpContext context, DetectorTraining training, DetectorViews views, DetectorAudit audit)
    {
        if (Agent(context.Request) is not { } agent) return MissingAgent();
        var run = await training.TrainAsync(agent, context.RequestAborted);
        audit.Record(context.RequiredActor(), "detector.retrain", agent, run.Trained ? $"version {run.Version}: {run.Reason}" : run.Reason);
        return Results.Json(views.State(agent, run));
    }

    private static IResult Pin(HttpContext context, DetectorVersions versions, DetectorViews views, Rescoring rescoring, TimeProvider clock)
    {
        if (Agent(context.Request) is not { } agent) return MissingAgent();
        if (!int.TryParse(context.Request.Query["version"], out var version) || version < 0)
            return Results.BadRequest(new { error = "version must be a whole number ≥ 0 (0 = the shipped model)" });
        try { if (versions.Pin(agent, version, context.RequiredActor(), clock.GetUtcNow())) rescoring.Signal(); }
        catch (KeyNotFoundException e) { return Results.NotFound(new { error = e.Message }); }
        return Results.Json(views.State(agent));
    }

    private static IResult Unpin(HttpContext context, DetectorVersions versions, DetectorViews views, Rescoring rescoring, TimeProvider clock)
    {
        if (Agent(context.Request) is not { } agent) return MissingAgent();
        if (versions.Pin(agent, null, context.RequiredActor(), clock.GetUtcNow())) rescoring.Signal();
        return Results.Json(views.State(agent));
    }

    private static string? Agent(HttpRequest request) =>
        request.Query["agent"].ToString().Trim() is { Length: > 0 and <= LabelEndpoints.MaxAgentLength } a ? a : null;

    private static IResult MissingAgent() => Results.BadRequest(new { error = $"name the agent: ?agent=NAME (at most {LabelEndpoints.MaxAgentLength} characters)" });
}

/// <summary>The JSON of an agent's detector: the active one (version, source, labels, positives, precision, recall, f1) and every version.</summary>
public sealed class DetectorViews(DetectorVersions versions, LabelStore labels, AgentDetectors detectors, Rescoring rescoring)
{
    private readonly ConcurrentDictionary<string, (string Key, MetricsWithIntervals Metrics)> _shipped = new(StringComparer.Ordinal);

    public object State(string agent, TrainingRun? run = null)
    {
        var state = versions.State(agent);
        var all = versions.List(agent);
        var person = labels.Human(agent);
        var active = all.FirstOrDefault(v => v.Version == state?.ActiveVersion);
        // The shipped model's figures on today's labels: its scores need no fitting, so every label is out of sample.
        var shipped = ShippedOnLabels(agent, person);
        return new
        {
            agent,
            active = active is null
                ? Figures(0, "shipped", person.Count, person.Count(l => l.IsCorrection), shipped, 0.5, null)
                : Figures(active.Version, "adapted", active.Labels, active.Positives, active.Adapted, active.Model.Threshold, active.CreatedAt),
            pinnedBy = state?.PinnedBy,
            shipped = Figures(0, "shipped", person.Count, person.Count(l => l.IsCorrection), shipped, 0.5, null),
            rescored = rescoring.Last(agent) is { } r
                ? new { version = r.Version, at = r.At, scored = r.Scored, proposed = r.Proposed, withdrawn = r.Withdrawn } : null,
            lastRun = run is null ? null : new { trained = run.Trained, version = run.Version, activeChanged = run.ActiveChanged, reason = run.Reason },
            versions = all.Select(v => new
            {
                version = v.Version, source = "adapted", createdAt = v.CreatedAt, labels = v.Labels, positives = v.Positives, threshold = v.Model.Threshold,
                active = v.Version == state?.ActiveVersion, beatsShipped = v.Better, reason = v.Reason,
                precision = v.Adapted.Precision, recall = v.Adapted.Recall, f1 = v.Adapted.F1, intervals = Intervals(v.Adapted),
                shippedOnSameLabels = new { precision = v.Shipped.Precision, recall = v.Shipped.Recall, f1 = v.Shipped.F1, intervals = Intervals(v.Shipped) },
            }),
        };
    }

    private MetricsWithIntervals ShippedOnLabels(string agent, IReadOnlyList<CorrectionLabel> person)
    {
        if (person.Count == 0) return MetricsWithIntervals.From([], [], 0.5);
        // Scoring every label embeds every pair (seconds for a few hundred on a busy machine, past the web UI's backend
        // timeout), so the figures are kept per agent until its labels change.
        var key = string.Join('\n', person.Select(l => $"{l.TraceId}\t{l.UserTurn}\t{l.IsCorrection}\t{l.ConversationId}"));
        if (_shipped.TryGetValue(agent, out var cached) && cached.Key == key) return cached.Metrics;
        var rows = detectors.Shipped.Prior([.. person.Select(l => new Domain.Detection.CorrectionPair(l.Assistant, l.User))]);
        var examples = person.Select((l, i) => new TrainingExample(rows[i], l.IsCorrection, 1, l.ConversationId ?? l.TraceId)).ToList();
        var metrics = MetricsWithIntervals.From(examples, [.. rows.Select(r => 1 / (1 + Math.Exp(-r.Logit)))], 0.5);
        _shipped[agent] = (key, metrics);
        return metrics;
    }

    private static object Figures(int version, string source, int count, int positives, MetricsWithIntervals m, double threshold, DateTimeOffset? createdAt) => new
    {
        version, source, labels = count, positives, precision = m.Precision, recall = m.Recall, f1 = m.F1, threshold, createdAt,
        intervals = Intervals(m),
    };

    private static object Intervals(MetricsWithIntervals m) => new
    {
        precision = new[] { m.PrecisionInterval.Low, m.PrecisionInterval.High },
        recall = new[] { m.RecallInterval.Low, m.RecallInterval.High },
        f1 = new[] { m.F1Interval.Low, m.F1Interval.High },
    };
}
