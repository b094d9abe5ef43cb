using BetterHarness.Tools.Commands.Demo;
using BetterHarness.Tools.Load;
using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace BetterHarness.Host.Commands.Demo;

/// <summary>What <c>--demo</c> changes: its own data dir, curation auto-accepting every mined case, and the script after start.</summary>
internal static class DemoSetup
{
    /// <summary>The bundled samples the demo sends, in this order (licences in samples/).</summary>
    public static readonly string[] SamplesFiles = ["samples/taubench-airline.otlp.jsonl", "samples/whowhen-captainagent.otlp.jsonl"];

    public static void Configure(Dictionary<string, string?> overrides)
    {
        overrides.TryAdd("BetterHarness:DataDir", "data-demo");
        overrides["BetterHarness:Curation:AutoAccept"] = "true";
        overrides["BetterHarness:Curation:AutoAcceptMinSupport"] = "1";
        overrides["BetterHarness:Curation:AutoAcceptMinDetectorScore"] = "0";
        // A handful of traces: two similar failures already make a cluster worth showing.
        overrides.TryAdd("BetterHarness:Clustering:MinClusterSize", "2");
        // The simulated model runs with its defaults: no simulation setting is the demo's own (docs/optimizer.md, "The demo").
        overrides.TryAdd("BetterHarness:Models:simulated:Kind", "simulated");
        // Two candidate changes per iteration (the better accepted one wins): the demo shows the choice, and a
        // wording that misses is not the only try of its iteration.
        overrides.TryAdd("BetterHarness:Optimization:CandidatesPerIteration", "2");
    }

    /// <summary>Runs the script in the background; the services keep running after it, for the browser.</summary>
    public static Task StartAsync(WebApplication app, CancellationToken ct)
    {
        var samples = SamplesFiles.Select(f => Locate(f) ?? throw new CommandFailedException($"{f} was not found: run ./bh up --demo from the repository's root folder.")).ToList();
        var hosting = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value;
        var otlpEndpoint = app.Configuration["BetterHarness:Ingest:OtlpHttpEndpoint"] ?? "127.0.0.1:4318";
        var api = HttpClients.Create(Base(hosting.ApiEndpoint), hosting.ApiKeys.FirstOrDefault(), 4, TimeSpan.FromMinutes(2));
        var otlp = HttpClients.Create(Base(otlpEndpoint), hosting.ApiKeys.FirstOrDefault(), 8, TimeSpan.FromMinutes(2));
        _ = Task.Run(async () =>
        {
            try { await new DemoScript(api, otlp, samples, TimeSpan.FromMinutes(5)).RunAsync(ct); }
            catch (Exception ex) when (ex is CommandFailedException or HttpRequestException or IOException or InvalidOperationException)
            {
                AnsiConsole.MarkupLine($"[red]demo stopped:[/] {Markup.Escape(ex.Message)}");
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private static Uri Base(string listen) => ListenAddress.Parse(listen, "listen address").ReachableUrl;

    private static string? Locate(string file)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, file))) return Path.Combine(dir.FullName, file);
        return null;
    }
}
