using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Mining.Tests.Labels;
using BetterHarness.Testing;

namespace BetterHarness.Mining.Tests.Host;

/// <summary>
/// The real host (every module, shipped model): a correction no rule cue catches, on a trace with no other signal, is
/// forwarded by ingest's correction gate and mined. Ingest's old regex gate (deleted CorrectionScorer, below 0.5 here)
/// never published this trace, so mining never saw it.
/// </summary>
public sealed class CorrectionGateFlowTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_correction_no_rule_catches_on_an_unflagged_trace_reaches_mining_and_becomes_a_candidate()
    {
        var traceId = await ConversationTrace.SendAsync(_host, "travel-bot",
            ("user", "I'd like to add checked bags to my reservation ABC123."),
            ("assistant", "Your reservation ABC123 has one passenger, so you can add up to 3 bags."),
            ("user", Correction),
            ("assistant", "Let me look at the reservation again."));

        var trace = await _host.WaitForTraceAsync(traceId);
        Assert.Empty(trace["signals"]!.AsArray());

        var candidates = await Eventually(async () =>
        {
            var list = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/candidates?trace={traceId}"))!;
            return (int)list["count"]! > 0 ? list : null;
        });
        var id = (string)candidates["candidates"]![0]!["id"]!;
        var evalCase = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/candidates/{id}"))!;
        Assert.Equal(Correction, (string?)evalCase["expected"]!["correction"]);
        Assert.Equal("user_correction", (string?)evalCase["provenance"]!["sources"]![0]!["reason"]);
    }

    private const string Correction = "I remember there being three passengers on that booking, me and my two kids.";

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "no candidate for the trace within 30 s");
            await Task.Delay(200);
        }
    }
}
