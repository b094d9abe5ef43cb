using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Storage;
using BetterHarness.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Api;

/// <summary>
/// <c>GET /api/clusters/analyst</c>: whether the LLM failure analyst is on, with which model and sample rate, calls and
/// answers reused since start, errors, tokens spent today and the budget left, and how many failures have a statement.
/// </summary>
public static class AnalystEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/clusters/analyst", (IServiceProvider services, IOptions<AnalystOptions> options) =>
    {
        var o = options.Value;
        if (services.GetService<FailureAnalyst>() is not { } analyst) return Results.Json(new { enabled = false });
        var budget = services.GetRequiredKeyedService<DailyTokenBudget>(typeof(AnalystOptions));
        var (answers, analysed, failures) = services.GetRequiredService<AnalysisStore>().Counts(analyst.Model);
        return Results.Json(new
        {
            enabled = true, model = analyst.Model, sampleRate = o.SampleRate,
            calls = analyst.Calls, cacheHits = analyst.CacheHits, errors = analyst.Errors, lastError = analyst.LastError,
            tokensToday = budget.SpentToday(analyst.Model), maxTokensPerDay = o.MaxTokensPerDay, budgetLeft = budget.Left(analyst.Model),
            budgetExhausted = budget.Exhausted, answers, analysedFailures = analysed, failures,
        });
    });
}
