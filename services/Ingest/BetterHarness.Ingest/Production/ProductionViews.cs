using BetterHarness.Ingest.Domain.Production;

namespace BetterHarness.Ingest.Production;

/// <summary>The JSON shape of one version's figures (the names of <c>GET /api/harnesses/{agent}/production</c>).</summary>
public static class ProductionViews
{
    public static object Version(VersionFigures f) => new
    {
        version = f.Version, traces = f.Traces,
        failed = f.Failed.Count, failureRate = f.Failed.Value, failureRateCi95 = f.Failed.Ci95,
        corrected = f.Corrected.Count, correctionRate = f.Corrected.Value, correctionRateCi95 = f.Corrected.Ci95,
        negativeFeedback = f.NegativeFeedback.Count, negativeFeedbackRate = f.NegativeFeedback.Value, negativeFeedbackRateCi95 = f.NegativeFeedback.Ci95,
        toolErrors = f.ToolErrors.Count, toolErrorRate = f.ToolErrors.Value, toolErrorRateCi95 = f.ToolErrors.Ci95,
        loops = f.Loops.Count, loopRate = f.Loops.Value, loopRateCi95 = f.Loops.Ci95,
        p50DurationMs = f.P50DurationMs, p95DurationMs = f.P95DurationMs, p50Tokens = f.P50Tokens, p95Tokens = f.P95Tokens,
    };
}
