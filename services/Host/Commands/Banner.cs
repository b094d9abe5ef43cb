using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Storage;
using Spectre.Console;

namespace BetterHarness.Host.Commands;

/// <summary>What `bh up` prints once it is listening: where to point agents, where the API is.</summary>
public static class Banner
{
    public static void Print(IReadOnlyList<ListenerSpec> listeners, HostingOptions hosting, StorageOptions storage, IReadOnlyList<ServiceModule> modules)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("endpoint").AddColumn("address");
        foreach (var l in listeners) table.AddRow(l.Name, $"http://{l.Address}");
        AnsiConsole.MarkupLine($"[bold green]BetterHarness[/] running [bold]{string.Join(", ", modules.Select(m => m.Name))}[/] " +
                               $"(transport {hosting.Transport}, data in {Markup.Escape(Path.GetFullPath(hosting.DataDir))})");
        var onPostgres = modules.Where(m => m.StoresOnPostgres && storage.For(m.Name).Engine == StorageEngine.Postgres).Select(m => m.Name).ToList();
        if (onPostgres.Count > 0)
            AnsiConsole.MarkupLine($"PostgreSQL stores (schema prefix '{Markup.Escape(storage.SchemaPrefix)}'): [bold]{string.Join(", ", onPostgres)}[/]; the others in SQLite files");
        AnsiConsole.Write(table);
        var http = listeners.FirstOrDefault(l => l.Name == "otlp-http");
        if (http is not null)
            AnsiConsole.MarkupLine($"Point an agent at it: [bold]OTEL_EXPORTER_OTLP_ENDPOINT=http://{http.Address}[/]  (Ctrl-C stops)");
    }
}
