using System.CommandLine;
using BetterHarness.Tools.Load;
using BetterHarness.Tools.Load.Loadgen;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh loadgen</c>: drives synthetic agent traces at an ingest endpoint for a fixed time and prints the
/// durable ingest rate. The last stdout line is <c>spans_per_sec=… mb_per_sec=… p50_ms=… p99_ms=… rejected=…</c>.
/// </summary>
public static class LoadgenCommand
{
    public static Command Create()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "Ingest address (default http://127.0.0.1:4318 for http, http://127.0.0.1:4317 for grpc)." };
        var protocol = new Option<string>("--protocol") { Description = "OTLP transport: http (protobuf over HTTP) or grpc.", DefaultValueFactory = _ => "http" };
        protocol.AcceptOnlyFromAmong("http", "grpc");
        var profile = new Option<string>("--profile") { Description = "small (metadata-only spans) or content (chat spans with message content).", DefaultValueFactory = _ => "small" };
        profile.AcceptOnlyFromAmong(LoadProfiles.Names);
        var duration = new Option<int>("--duration") { Description = "Measured seconds (after the warm-up).", DefaultValueFactory = _ => 20 };
        // The server JIT-compiles (tiered, PGO) during its first seconds under load; measure after that.
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring starts.", DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 8 };
        var spansPerRequest = new Option<int?>("--spans-per-request") { Description = "Spans per export request (default 500 for small, 50 for content)." };
        var apiKey = new Option<string?>("--api-key") { Description = "Sent as X-Api-Key (HTTP header or gRPC metadata)." };

        var command = new Command("loadgen", "Measure ingest throughput with synthetic agent traces.")
        {
            endpoint, protocol, profile, duration, warmup, concurrency, spansPerRequest, apiKey,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            try
            {
                var chosenProfile = LoadProfiles.Get(result.GetValue(profile)!);
                var chosenProtocol = result.GetValue(protocol)!;
                var settings = new LoadgenSettings(
                    HttpClients.ParseBase(result.GetValue(endpoint) ?? DefaultEndpoint(chosenProtocol), "--endpoint"),
                    chosenProtocol,
                    chosenProfile,
                    AtLeast(1, result.GetValue(spansPerRequest) ?? chosenProfile.DefaultSpansPerRequest, "--spans-per-request"),
                    AtLeast(1, result.GetValue(concurrency), "--concurrency"),
                    TimeSpan.FromSeconds(AtLeast(1, result.GetValue(duration), "--duration")),
                    TimeSpan.FromSeconds(Math.Max(0, result.GetValue(warmup))),
                    result.GetValue(apiKey));
                return await new LoadRunner(settings, Console.Out, Console.Error).RunAsync(ct);
            }
            catch (CommandFailedException ex)
            {
                await Console.Error.WriteLineAsync($"Error: {ex.Message}");
                return ex.ExitCode;
            }
        });
        return command;
    }

    private static string DefaultEndpoint(string protocol) => protocol == "grpc" ? "http://127.0.0.1:4317" : "http://127.0.0.1:4318";

    private static int AtLeast(int minimum, int value, string option) => value >= minimum
        ? value
        : throw new CommandFailedException($"{option} must be at least {minimum} (got {value}).");
}
