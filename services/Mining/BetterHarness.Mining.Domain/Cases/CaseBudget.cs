using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Keeps a case within what one <c>EvalCandidateProposed</c> may carry. A case is built from a digest whose texts are
/// already capped, so this rarely bites; when it does, the longest texts (recorded tool responses and errors, then
/// input message contents) are clipped, halving the allowance per text until the case fits. It runs before the case is
/// stored, so what curation receives is exactly what mining keeps and serves.
/// </summary>
public static class CaseBudget
{
    /// <summary>Most characters of a case's JSON (1 MiB).</summary>
    public const int MaxCaseChars = 1 << 20;

    /// <summary>Most source traces a published case lists (the newest); its support count still counts them all.</summary>
    public const int MaxPublishedSources = 100;

    private const int FloorChars = 200;
    private const string Clipped = "…[clipped]";

    public static int Size(EvalCase evalCase) => EvalCaseJson.Serialize(evalCase).Length;

    public static EvalCase Fit(EvalCase evalCase, int maxChars = MaxCaseChars)
    {
        var allowance = 64 * 1024;
        while (Size(evalCase) > maxChars && allowance >= FloorChars)
        {
            evalCase = Clip(evalCase, allowance);
            allowance /= 2;
        }
        return evalCase;
    }

    private static EvalCase Clip(EvalCase c, int max) => c with
    {
        Tools = c.Tools with { Recorded = c.Tools.Recorded.Select(r => r with { Response = Cut(r.Response, max), Error = Cut(r.Error, max) }).ToList() },
        Input = c.Input with { Messages = c.Input.Messages.Select(m => m with { Content = Cut(m.Content, max)! }).ToList() },
    };

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + Clipped;
}
