using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh evals run --agent A …</c> starts an eval run on a running instance and follows it with a progress bar to a
/// summary table; <c>bh evals compare A B</c> puts two runs side by side; <c>bh evals bench</c> measures the runner.
/// </summary>
public static class EvalsCommand
{
    public static Command Create(Command bench)
    {
        var api = new Option<string>("--api") { Description = "API base address.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key." };
        var agent = new Option<string>("--agent") { Description = "Agent whose harness to run.", Required = true };
        var version = new Option<int?>("--version") { Description = "Harness version (default: the current one)." };
        var model = new Option<string>("--model") { Description = "Configured model name.", DefaultValueFactory = _ => "simulated" };
        var trials = new Option<int?>("--trials") { Description = "Trials per case (default 3)." };
        var snapshot = new Option<string?>("--snapshot") { Description = "Eval snapshot id (default: the agent's active set)." };
        var split = new Option<string?>("--split") { Description = "optimization or holdout." };
        var category = new Option<string?>("--category") { Description = "Only this category." };
        var mustPass = new Option<bool>("--must-pass") { Description = "Only must-pass cases." };
        var caseIds = new Option<string[]>("--case") { Description = "Only these case ids (repeatable).", AllowMultipleArgumentsPerToken = true };
        var noWait = new Option<bool>("--no-wait") { Description = "Print the run id and return." };
        var run = new Command("run", "Run a harness version on eval cases and show the results.")
            { agent, version, model, trials, snapshot, split, category, mustPass, caseIds, noWait, api, apiKey };
        run.SetAction((r, ct) => Run(() => RunAsync(Client(r.GetValue(api)!, r.GetValue(apiKey)), new
        {
            agent = r.GetValue(agent), version = r.GetValue(version), model = r.GetValue(model), trials = r.GetValue(trials),
            snapshotId = r.GetValue(snapshot), split = r.GetValue(split), category = r.GetValue(category),
            mustPassOnly = r.GetValue(mustPass), caseIds = r.GetValue(caseIds) is { Length: > 0 } ids ? ids : null,
        }, r.GetValue(noWait), ct)));

        var a = new Argument<string>("a") { Description = "Baseline run id." };
        var b = new Argument<string>("b") { Description = "Run id compared against it." };
        var compare = new Command("compare", "Compare two eval runs case by case, with a paired significance test.") { a, b, api, apiKey };
        compare.SetAction((r, ct) => Run(() => CompareAsync(Client(r.GetValue(api)!, r.GetValue(apiKey)), r.GetValue(a)!, r.GetValue(b)!, ct)));

        return new Command("evals", "Eval runs: run a harness on eval cases, compare runs.") { run, compare, bench };
    }

    private static HttpClient Client(string api, string? key) => HttpClients.Create(HttpClients.ParseBase(api, "--api"), key, 4, TimeSpan.FromMinutes(2));

    private static async Task<int> Run(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception ex) when (ex is CommandFailedException or HttpRequestException or IOException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(HttpClient client, object request, bool noWait, CancellationToken ct)
    {
        using var _ = client;
        var response = await client.PostAsJsonAsync("api/evalruns", request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new CommandFailedException($"the run was refused (HTTP {(int)response.StatusCode}): {body}");
        var id = (string)JsonNode.Parse(body)!["id"]!;
        AnsiConsole.MarkupLine($"eval run [bold]{id}[/] queued");
        if (noWait) return 0;
        JsonObject run = null!;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("waiting for cases", maxValue: 1);
            while (true)
            {
                run = (await client.GetFromJsonAsync<JsonObject>($"api/evalruns/{id}", ct))!;
                var total = (int)run["progress"]!["totalTrials"]!;
                task.MaxValue = Math.Max(1, total);
                task.Value = (int)run["progress"]!["completedTrials"]!;
                task.Description = $"{run["status"]} {task.Value}/{total} trials";
                if ((string?)run["status"] is "completed" or "failed") break;
                await Task.Delay(500, ct);
            }
        });
        return Summary(run);
    }

    private static int Summary(JsonObject run)
    {
        if ((string?)run["status"] == "failed")
        {
            AnsiConsole.MarkupLine($"[red]run failed:[/] {Markup.Escape((string?)run["error"] ?? "")}");
            return 1;
        }
        var simulated = (bool)run["simulated"]! ? " [yellow](SIMULATED model)[/]" : "";
        AnsiConsole.MarkupLine($"[bold]{run["agent"]} v{run["harnessVersion"]}[/] on {Markup.Escape((string)run["model"]!)}{simulated}: " +
                               $"pass rate [bold]{(double)run["passRate"]!:P1}[/], {run["tokens"]!["total"]} tokens, cost {run["tokens"]!["cost"]}");
        var table = new Table().AddColumns("group", "cases", "pass rate");
        foreach (var (kind, key) in new[] { ("split", "bySplit"), ("category", "byCategory"), ("cluster", "byCluster") })
            foreach (var (name, score) in run[key]!.AsObject())
                table.AddRow($"{kind}: {Markup.Escape(name)}", score!["cases"]!.ToString(), $"{(double)score["passRate"]!:P1}");
        AnsiConsole.Write(table);
        var failing = run["mustPass"]!["failing"]!.AsArray();
        if (failing.Count > 0) AnsiConsole.MarkupLine($"[red]must-pass failing:[/] {Markup.Escape(string.Join(", ", failing))}");
        return 0;
    }

    private static async Task<int> CompareAsync(HttpClient client, string a, string b, CancellationToken ct)
    {
        using var _ = client;
        var response = await client.GetAsync($"api/evalruns/compare?a={Uri.EscapeDataString(a)}&b={Uri.EscapeDataString(b)}", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new CommandFailedException($"compare failed (HTTP {(int)response.StatusCode}): {body}");
        var c = JsonNode.Parse(body)!;
        var ci = c["ci95"]!.AsArray();
        AnsiConsole.MarkupLine($"B − A = [bold]{(double)c["difference"]!:+0.000;-0.000}[/] (95% CI {(double)ci[0]!:0.000} … {(double)ci[1]!:0.000}, p = {(double)c["pValue"]!:0.0000}); " +
                               $"wins {c["wins"]}, losses {c["losses"]}, ties {c["ties"]}");
        var categories = new Table().AddColumns("category", "cases", "A", "B", "Δ");
        foreach (var (name, d) in c["byCategory"]!.AsObject())
            categories.AddRow(Markup.Escape(name), d!["cases"]!.ToString(), $"{(double)d["a"]!:P0}", $"{(double)d["b"]!:P0}", $"{(double)d["delta"]!:+0.00;-0.00}");
        AnsiConsole.Write(categories);
        var cases = new Table().AddColumns("case", "A", "B", "outcome");
        foreach (var row in c["cases"]!.AsArray().Where(r => (string)r!["outcome"]! != "tie"))
            cases.AddRow(Markup.Escape((string)row!["caseId"]!), $"{(double)row["a"]!:P0}", $"{(double)row["b"]!:P0}",
                (string)row["outcome"]! == "win" ? "[green]win[/]" : "[red]loss[/]");
        AnsiConsole.Write(cases);
        return 0;
    }
}
