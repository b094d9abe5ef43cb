using BetterHarness.Mining.Domain.Cases;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Domain.Dedup;

/// <summary>
/// What makes two candidates the same case: the tag set (exact), and a text of the input's last user
/// turns plus the expectation (compared by MiniLM similarity).
/// </summary>
public static class CaseFingerprint
{
    public static string TagKey(EvalCase evalCase) => string.Join(' ', evalCase.Tags.Order(StringComparer.Ordinal));

    public static string Text(EvalCase evalCase)
    {
        var lastUsers = evalCase.Input.Messages.Where(m => m.Role == "user").TakeLast(2).Select(m => m.Content);
        var calls = evalCase.Expected.ToolCalls.Select(c => $"{c.Name}({c.Arguments?.ToJsonString()})");
        return string.Join(" | ", [.. lastUsers, evalCase.Expected.Correction ?? "", evalCase.Expected.Behaviour, .. calls]);
    }
}
