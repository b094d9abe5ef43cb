using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>Polls a run until it finishes, showing its progress line, then prints the summary and where to review it.</summary>
internal static partial class OptimizeProgress
{
    private static readonly string[] Finished = ["awaiting_review", "approved", "rejected", "failed"];

    public static async Task<int> WaitAsync(HttpClient client, string id, CancellationToken ct)
    {
        JsonObject run = null!;
        string? shown = null;
        await AnsiConsole.Status().StartAsync("waiting for the optimizer…", async status =>
        {
            while (true)
            {
                run = (await client.GetFromJsonAsync<JsonObject>($"api/optimizations/{id}", ct))!;
                var line = (string?)run["progress"] ?? (string?)run["status"];
                if (line != shown && line is not null)
                {
                    // In a terminal the spinner shows the latest line and each step stays printed above it; without one
                    // the status itself prints every line.
                    if (AnsiConsole.Profile.Capabilities.Interactive && !ChunkCount().IsMatch(line)) AnsiConsole.MarkupLine("    " + Markup.Escape(line));
                    status.Status(Markup.Escape(line));
                    shown = line;
                }
                if (Finished.Contains((string?)run["status"])) return;
                await Task.Delay(500, ct);
            }
        });
        if ((string?)run["status"] == "failed")
        {
            AnsiConsole.MarkupLine($"[red]optimisation {id} failed:[/] {Markup.Escape((string?)run["error"] ?? "no error recorded")}");
            return 1;
        }
        Summary(run);
        var baseAddress = client.BaseAddress!.ToString().TrimEnd('/');
        var confirm = (bool?)run["validatedWith"]?["simulated"] == true ? " with {\"confirmSimulated\": true}: validated only in simulation" : "";
        AnsiConsole.MarkupLine(Markup.Escape($"review it: {baseAddress}/optimizations/{id}  (approve: POST {baseAddress}/api/optimizations/{id}/approve{confirm})"));
        return 0;
    }

    private static void Summary(JsonObject run)
    {
        var report = run["report"]!;
        if ((bool?)report["simulated"] == true) AnsiConsole.MarkupLine("[yellow]Simulated model: pass rates come from the offline simulation.[/]");
        GateFigures.PrintRates(report);
        var iterations = new Table().AddColumns("#", "change", "decision", "optimisation", "holdout", "p");
        foreach (var it in report["iterations"]!.AsArray())
            iterations.AddRow(((int)it!["iteration"]!).ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{it["change"]?["kind"]} {it["change"]?["target"]}".Trim()),
                Markup.Escape(((bool)it["accepted"]! ? "accepted: " : "rejected: ") + it["reason"]),
                P(it["optimizationPassRate"]), P(it["holdoutPassRate"]), ((double?)it["pValue"])?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–");
        AnsiConsole.Write(iterations);
        var accepted = report["iterations"]!.AsArray().Count(it => (bool)it!["accepted"]!);
        var unchanged = (int?)run["harnessVersion"] == (int?)run["baseVersion"];
        var outcome = !unchanged ? $"harness version {run["harnessVersion"]} ({accepted} accepted change(s)) is {run["status"]}"
            : accepted == 0 ? $"no change passed the gates, so version {run["harnessVersion"]} is unchanged (status {run["status"]}; approving it changes nothing)"
            : $"{accepted} change(s) passed the gates but the confirmation run on fresh trials did not repeat the gain, so no change survived " +
              $"and version {run["harnessVersion"]} is unchanged (status {run["status"]}; approving it changes nothing)";
        AnsiConsole.MarkupLine($"stopped: {Markup.Escape((string?)report["stopReason"] ?? "")}; {Markup.Escape(outcome)}");
        GateFigures.PrintGates(report);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+/\d+ cases$")]
    private static partial System.Text.RegularExpressions.Regex ChunkCount();

    private static string P(JsonNode? rate) => rate is null ? "–" : ((double)rate).ToString("P1", CultureInfo.InvariantCulture);
}
