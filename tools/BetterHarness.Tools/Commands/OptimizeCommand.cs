using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh optimize [--agent A] [--wait]</c>: starts an optimisation run through a running instance's API
/// (<c>POST /api/optimizations</c>) and, with <c>--wait</c>, shows its progress and the report summary.
/// </summary>
public static class OptimizeCommand
{
    public static Command Create(Command bench)
    {
        var api = new Option<string>("--api") { Description = "API base address.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key." };
        var agent = new Option<string?>("--agent") { Description = "Agent to optimise (default: the agent of the newest eval snapshot)." };
        var snapshot = new Option<string?>("--snapshot") { Description = "Eval snapshot id (default: the agent's latest)." };
        var iterations = new Option<int?>("--iterations") { Description = "Maximum iterations (default from the server, 5)." };
        var trials = new Option<int?>("--trials") { Description = "Trials per case (default from the server, 3)." };
        var model = new Option<string>("--model") { Description = "simulated (default) or a configured model name.", DefaultValueFactory = _ => "simulated" };
        var wait = new Option<bool>("--wait") { Description = "Show progress until the run finishes, then the report summary." };
        var command = new Command("optimize", "Improve an agent's harness against its eval set; the result waits for approval.")
            { agent, wait, snapshot, iterations, trials, model, api, apiKey };
        command.SetAction((r, ct) => Run(async () =>
        {
            using var client = HttpClients.Create(HttpClients.ParseBase(r.GetValue(api)!, "--api"), r.GetValue(apiKey), 2, TimeSpan.FromSeconds(60));
            var name = r.GetValue(agent) ?? await NewestAgentAsync(client, ct);
            var id = await StartAsync(client, name, r.GetValue(snapshot), r.GetValue(iterations), r.GetValue(trials), r.GetValue(model)!, ct);
            AnsiConsole.MarkupLine($"optimisation [bold]{id}[/] queued for agent [bold]{Markup.Escape(name)}[/]");
            return r.GetValue(wait) ? await OptimizeProgress.WaitAsync(client, id, ct) : 0;
        }));
        command.Subcommands.Add(bench);
        return command;
    }

    private static async Task<int> Run(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception ex) when (ex is CommandFailedException or HttpRequestException or IOException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return ex is CommandFailedException failed ? failed.ExitCode : 1;
        }
    }

    private static async Task<string> NewestAgentAsync(HttpClient client, CancellationToken ct)
    {
        var body = await client.GetFromJsonAsync<JsonObject>("api/evals/snapshots?limit=1", ct);
        return body?["snapshots"]?.AsArray().FirstOrDefault()?["agent"]?.GetValue<string>()
            ?? throw new CommandFailedException("No eval snapshot exists yet, so there is nothing to optimise against: accept eval cases in curation first, or pass --agent.");
    }

    private static async Task<string> StartAsync(HttpClient client, string agent, string? snapshot, int? iterations, int? trials, string model,
        CancellationToken ct)
    {
        var response = await client.PostAsJsonAsync("api/optimizations",
            new { agent, snapshotId = snapshot, maxIterations = iterations, trials, model }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new CommandFailedException($"the server refused the run (HTTP {(int)response.StatusCode}): {body}");
        return JsonNode.Parse(body)?["id"]?.GetValue<string>() ?? throw new CommandFailedException($"unexpected answer: {body}");
    }
}
