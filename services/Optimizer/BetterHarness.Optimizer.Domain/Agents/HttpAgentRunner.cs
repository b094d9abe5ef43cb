using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>
/// The HTTP agent adapter, for agents written in any language: POSTs <c>{harness, case, trial}</c> to the team's
/// endpoint and reads back a transcript (contract and example server: docs/http-agent.md). The agent runs its
/// own loop and answers tool calls from <c>case.tools.recorded</c>.
/// </summary>
public sealed class HttpAgentRunner(string name, HttpClient http, Uri endpoint) : IAgentRunner
{
    public string Name => name;

    public bool Simulated => false;

    public async Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var request = new HttpAgentRequest(harness, evalCase, trial);
        try
        {
            using var response = await http.PostAsJsonAsync(endpoint, request, EvalCaseJson.Options, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return Failed(started, $"the agent at {endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            var transcript = await response.Content.ReadFromJsonAsync<Transcript>(EvalCaseJson.Options, cancellationToken).ConfigureAwait(false);
            if (transcript?.Messages is null) return Failed(started, $"the agent at {endpoint} returned no transcript ('messages' is missing)");
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return transcript with
            {
                Steps = transcript.Steps > 0 ? transcript.Steps : transcript.Messages.Count(m => m.Role == "assistant"),
                DurationMs = elapsed,
                ModelMs = transcript.ModelMs > 0 ? transcript.ModelMs : elapsed,
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or NotSupportedException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Failed(started, $"the agent at {endpoint} could not be run: {ex.Message}");
        }
    }

    private static Transcript Failed(long started, string error) => new()
    {
        Messages = [], Error = error, DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
    };
}

/// <summary>What the HTTP agent adapter POSTs: the harness to run with, the case (public schema) and the trial number.</summary>
public sealed record HttpAgentRequest(HarnessDocument Harness, EvalCase Case, int Trial);
