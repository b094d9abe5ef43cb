using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.History;
using BetterHarness.Curation.Evals;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Curation.Api;

/// <summary>
/// The eval store: <c>GET /api/evals</c>, <c>GET /api/evals/{id}</c> (+ <c>/history</c>, <c>/diff</c>),
/// <c>GET /api/evals/composition</c>, and for curators <c>PATCH /api/evals/{id}</c>, <c>POST /api/evals/{id}/retire</c>.
/// Snapshots, export and import are in <see cref="SnapshotEndpoints"/>.
/// </summary>
public static class EvalEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/evals").AddEndpointFilter<ApiErrors>();
        group.MapGet("", List).RequireRole(Role.Viewer);
        group.MapGet("/composition", Composition).RequireRole(Role.Viewer);
        group.MapGet("/{id}", Get).RequireRole(Role.Viewer);
        group.MapGet("/{id}/history", History).RequireRole(Role.Viewer);
        group.MapGet("/{id}/diff", Diff).RequireRole(Role.Viewer);
        group.MapPatch("/{id}", Edit).Writes(Role.Curator, "edit|retire");
        group.MapPost("/{id}/retire", Retire).Writes(Role.Curator, "retire");
        SnapshotEndpoints.Map(group);
    }

    private static IResult List(HttpRequest request, EvalQueries queries)
    {
        var split = ApiErrors.Query(request, "split");
        if (split is not null && !SplitNames.IsValid(split)) throw new CaseFormatException("split must be optimization or holdout");
        var status = ApiErrors.Query(request, "status");
        if (status is not null and not (CaseStatuses.Active or CaseStatuses.Retired)) throw new CaseFormatException("status must be active or retired");
        bool? mustPass = ApiErrors.Query(request, "mustPass") switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw new CaseFormatException("mustPass must be true or false"),
        };
        var cases = queries.List(new CaseFilter(ApiErrors.Query(request, "agent"), ApiErrors.Query(request, "category"), split, mustPass, status,
            ApiErrors.Query(request, "tag"), ApiErrors.Limit(request, 1000, 100_000)));
        return Results.Json(new { cases, count = cases.Count });
    }

    private static IResult Get(string id, HttpRequest request, EvalQueries queries)
    {
        int? revision = ApiErrors.Query(request, "revision") is { } r
            ? int.TryParse(r, out var n) && n >= 1 ? n : throw new CaseFormatException("revision must be a whole number ≥ 1") : null;
        return queries.Get(id, revision) is { } doc
            ? Results.Text(doc.ToJsonString(), "application/json")
            : Results.NotFound(new { error = revision is null ? $"case {id} is not in the eval store" : $"case {id} has no revision {revision}" });
    }

    private static IResult History(string id, EvalQueries queries)
    {
        var revisions = queries.History(id);
        return revisions.Count == 0 ? Results.NotFound(new { error = $"case {id} is not in the eval store" }) : Results.Json(new { id, revisions });
    }

    private static IResult Diff(string id, HttpRequest request, EvalQueries queries)
    {
        var current = queries.Get(id) ?? throw new Storage.UnknownIdException($"case {id} is not in the eval store");
        var latest = (int)current[CaseFields.Revision]!;
        int Rev(string key, int fallback) => ApiErrors.Query(request, key) is { } v
            ? int.TryParse(v, out var n) && n >= 1 && n <= latest ? n : throw new CaseFormatException($"{key} must be a revision 1..{latest}")
            : fallback;
        var to = Rev("to", latest);
        var from = Rev("from", Math.Max(1, to - 1));
        var changes = JsonDiff.Compare(queries.Get(id, from), queries.Get(id, to)).Select(c => new { path = c.Path, before = c.Before, after = c.After });
        return Results.Json(new { id, from, to, changes });
    }

    private static IResult Composition(HttpRequest request, EvalQueries queries)
    {
        var rows = queries.Composition(ApiErrors.Query(request, "agent"));
        return Results.Json(new
        {
            categories = rows,
            totals = new
            {
                optimization = rows.Sum(r => r.Optimization), holdout = rows.Sum(r => r.Holdout),
                mustPass = rows.Sum(r => r.MustPass), retired = rows.Sum(r => r.Retired),
            },
        });
    }

    private static async Task<IResult> Edit(string id, HttpContext context, CaseEditor editor)
    {
        var edits = CaseEdits.Parse(await ApiErrors.BodyAsync(context.Request));
        var changed = editor.Edit(context.RequiredActor(), id, edits);
        return Results.Json(new { id, revision = (int)changed.Document[CaseFields.Revision]!, snapshotId = changed.SnapshotId, changed = changed.Changed, @case = changed.Document });
    }

    private static async Task<IResult> Retire(string id, HttpContext context, CaseEditor editor)
    {
        var reason = ApiErrors.RequiredText(await ApiErrors.BodyAsync(context.Request), "reason", "{\"reason\": \"saturated: every version passes it\"}");
        var changed = editor.Retire(context.RequiredActor(), id, reason);
        return Results.Json(new { id, revision = (int)changed.Document[CaseFields.Revision]!, snapshotId = changed.SnapshotId, status = CaseStatuses.Retired, reason });
    }
}
