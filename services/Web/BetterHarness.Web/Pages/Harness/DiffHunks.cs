using BetterHarness.Web.Backends;

namespace BetterHarness.Web.Pages.Harness;

/// <summary>
/// The lines of a harness diff worth reading: every change with <see cref="Context"/> unchanged lines around it; each
/// longer unchanged run becomes one "N unchanged lines" marker, so a one-line edit to a long prompt is not buried.
/// </summary>
public static class DiffHunks
{
    public const int Context = 2;

    /// <param name="Skipped">For a marker: how many unchanged lines it stands for (then <see cref="Line"/> is null).</param>
    public sealed record Row(HarnessDiffLine? Line, int Skipped);

    public static IReadOnlyList<Row> Of(IReadOnlyList<HarnessDiffLine> lines)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Op == " ") continue;
            for (var j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++) keep[j] = true;
        }
        var rows = new List<Row>();
        var skipped = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                if (skipped > 0) rows.Add(new Row(null, skipped));
                skipped = 0;
                rows.Add(new Row(lines[i], 0));
            }
            else skipped++;
        }
        if (skipped > 0) rows.Add(new Row(null, skipped));
        return rows;
    }
}
