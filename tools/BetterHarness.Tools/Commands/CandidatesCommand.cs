using System.CommandLine;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh candidates export FILE</c> / <c>bh candidates import FILE</c>: candidate eval cases as JSON lines in
/// the public schema (docs/eval-case-schema.md), through a running instance's API.
/// </summary>
public static class CandidatesCommand
{
    public static Command Create()
    {
        var api = new Option<string>("--api") { Description = "API base address.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key." };
        var status = new Option<string?>("--status") { Description = "Export only proposed, accepted or rejected candidates." };
        var exportFile = new Argument<string>("file") { Description = "Where to write the .jsonl export." };
        var importFile = new Argument<string>("file") { Description = "A .jsonl file written by export." };
        var export = new Command("export", "Write every candidate as one JSON line.") { exportFile, api, apiKey, status };
        export.SetAction((r, ct) => Run(() => ExportAsync(r.GetValue(exportFile)!, r.GetValue(api)!, r.GetValue(apiKey), r.GetValue(status), ct)));
        var import = new Command("import", "Upsert candidates from a JSON lines export.") { importFile, api, apiKey };
        import.SetAction((r, ct) => Run(() => ImportAsync(r.GetValue(importFile)!, r.GetValue(api)!, r.GetValue(apiKey), ct)));
        return new Command("candidates", "Export or import candidate eval cases (JSON lines).") { export, import };
    }

    private static async Task<int> Run(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception ex) when (ex is CommandFailedException or HttpRequestException or IOException)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
    }

    private static async Task<int> ExportAsync(string file, string api, string? apiKey, string? status, CancellationToken ct)
    {
        using var client = HttpClients.Create(HttpClients.ParseBase(api, "--api"), apiKey, 1, TimeSpan.FromMinutes(5));
        var path = "api/candidates/export" + (status is null ? "" : "?status=" + Uri.EscapeDataString(status));
        var body = await client.GetStringAsync(path, ct);
        await File.WriteAllTextAsync(file, body, ct);
        AnsiConsole.MarkupLine($"exported {body.Count(c => c == '\n')} candidates to {Markup.Escape(file)}");
        return 0;
    }

    private static async Task<int> ImportAsync(string file, string api, string? apiKey, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new CommandFailedException($"File not found: {Path.GetFullPath(file)}. Pass a .jsonl file written by 'bh candidates export'.");
        using var client = HttpClients.Create(HttpClients.ParseBase(api, "--api"), apiKey, 1, TimeSpan.FromMinutes(5));
        using var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        var response = await client.PostAsync("api/candidates/import", content, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new CommandFailedException($"import failed (HTTP {(int)response.StatusCode}): {text}");
        AnsiConsole.WriteLine(text);
        return text.Contains("\"errors\":[]", StringComparison.Ordinal) ? 0 : 1;
    }
}
