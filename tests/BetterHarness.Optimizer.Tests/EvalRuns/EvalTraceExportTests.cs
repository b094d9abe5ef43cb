using System.Text;
using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.EvalRuns.Tracing;
using BetterHarness.Optimizer.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Tests.EvalRuns;

[Collection(EmbedderCollection.Name)]
public sealed class EvalTraceExportTests
{
    [Fact]
    public async Task Eval_run_traces_reach_the_ingest_tagged_and_stay_out_of_what_clustering_and_mining_receive()
    {
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.InsuranceTransfers);
        var version = await host.CreateHarnessAsync(AirlineFixture.BaseInstructions);
        var id = await host.StartRunAsync(new { agent = "airline", version, trials = 1 });
        await host.WaitForRunAsync(id);

        var evalTraceId = OtlpTraceBuilder.TraceIdOf(id, "t1", 0);
        var trace = await host.Host.WaitForTraceAsync(evalTraceId, timeout: TimeSpan.FromSeconds(30));
        Assert.Equal("eval_run", (string)trace["origin"]!);
        Assert.Equal("airline", (string)trace["serviceName"]!);
        Assert.Contains("cancel_reservation", trace["toolExecutions"]!.ToJsonString());
        Assert.NotEmpty(trace["signals"]!.AsArray()); // a failed trial: production traffic like it would be published

        // The same trace without the marker, as a production agent would send it, does reach the outbox.
        var store = host.Host.Services.GetRequiredService<EvalRunStore>();
        var run = store.Get(id)!;
        var result = store.CompletedResults(id).Single(r => r.CaseId == "t1");
        var production = OtlpTraceBuilder.Build(run, AirlineFixture.InsuranceTransfers[0], result, DateTimeOffset.UtcNow)
            .Replace(evalTraceId, new string('a', 32)).Replace("\"eval_run\"", "\"production\"");
        (await host.Host.Otlp.PostAsync("/v1/traces", new StringContent(production, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await host.Host.WaitForTraceAsync(new string('a', 32), timeout: TimeSpan.FromSeconds(30));

        await using var ingest = new SqliteConnection($"Data Source={Path.Combine(host.Host.DataDir, "ingest.db")}");
        Assert.Equal(0, await ingest.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE trace_id = @evalTraceId", new { evalTraceId }));
        Assert.Equal(1, await ingest.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE trace_id = @id", new { id = new string('a', 32) }));
    }

    [Fact]
    public async Task With_IncludeEvalRunTraces_on_failed_eval_run_traces_are_published_to_clustering_and_mining()
    {
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.InsuranceTransfers, new() { ["BetterHarness:Ingest:IncludeEvalRunTraces"] = "true" });
        var version = await host.CreateHarnessAsync(AirlineFixture.BaseInstructions);
        var id = await host.StartRunAsync(new { agent = "airline", version, trials = 1 });
        await host.WaitForRunAsync(id);

        var evalTraceId = OtlpTraceBuilder.TraceIdOf(id, "t1", 0);
        var trace = await host.Host.WaitForTraceAsync(evalTraceId, timeout: TimeSpan.FromSeconds(30));
        Assert.Equal("eval_run", (string)trace["origin"]!);
        Assert.NotEmpty(trace["signals"]!.AsArray());

        await using var ingest = new SqliteConnection($"Data Source={Path.Combine(host.Host.DataDir, "ingest.db")}");
        Assert.Equal(1, await ingest.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE trace_id = @evalTraceId", new { evalTraceId }));
    }
}
