using BetterHarness.Host.Load;
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
    public const string SamplesFile = "samples/taubench-airline.otlp.jsonl";

    public static void Configure(Dictionary<string, string?> overrides)
    {
        overrides.TryAdd("BetterHarness:DataDir", "data-demo");
        overrides["BetterHarness:Curation:AutoAccept"] = "true";
        overrides["BetterHarness:Curation:AutoAcceptMinSupport"] = "1";
        overrides["BetterHarness:Curation:AutoAcceptMinDetectorScore"] = "0";
    }

    /// <summary>Runs the script in the background; the services keep running after it, for the browser.</summary>
    public static Task StartAsync(WebApplication app, CancellationToken ct)
    {
        var samples = Locate() ?? throw new CommandFailedException($"{SamplesFile} was not found: run ./bh up --demo from the repository's root folder.");
        var hosting = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value;
        var otlpEndpoint = app.Configuration["BetterHarness:Ingest:OtlpHttpEndpoint"] ?? "127.0.0.1:4318";
        var api = HttpClients.Create(Base(hosting.ApiEndpoint), hosting.ApiKeys.FirstOrDefault(), 4, TimeSpan.FromMinutes(2));
        var otlp = HttpClients.Create(Base(otlpEndpoint), hosting.ApiKeys.FirstOrDefault(), 8, TimeSpan.FromMinutes(2));
        _ = Task.Run(async () =>
        {
            try { await new DemoScript(api, otlp, samples, TimeSpan.FromMinutes(5)).RunAsync(ct); }
            catch (Exception ex) when (ex is CommandFailedException or HttpRequestException or IOException)
            {
                AnsiConsole.MarkupLine($"[red]demo stopped:[/] {Markup.Escape(ex.Message)}");
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private static Uri Base(string listen)
    {
        var address = ListenAddress.Parse(listen, "listen address");
        var host = address.Address.Equals(System.Net.IPAddress.Any) ? "127.0.0.1" : address.Address.ToString();
        return new Uri($"http://{host}:{address.Port}/");
    }

    private static string? Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SamplesFile))) return Path.Combine(dir.FullName, SamplesFile);
        return null;
    }
}
