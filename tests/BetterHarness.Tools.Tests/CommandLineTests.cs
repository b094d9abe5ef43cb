using System.CommandLine;
using BetterHarness.Benchmarks;

namespace BetterHarness.Tools.Tests;

/// <summary>
/// Every tool command and flag the README, benchmarks/*.sh and the tests use still parses, now that the host only
/// composes the tools (the commands' behaviour is covered where they run: the integration and service tests).
/// </summary>
public sealed class CommandLineTests
{
    private static RootCommand Root()
    {
        var root = new RootCommand();
        foreach (var command in ToolCommands.All(EngineBenchmarks.Create(() => []))) root.Subcommands.Add(command);
        return root;
    }

    [Theory]
    [InlineData("replay samples/taubench-airline.otlp.jsonl --endpoint http://127.0.0.1:4318 --wait --api http://127.0.0.1:8080 --clustering-api http://127.0.0.1:8081 --mining-api http://127.0.0.1:8082 --timeout 60 --max-outage 60")]
    [InlineData("loadgen --protocol grpc --profile content --duration 5 --concurrency 4")]
    [InlineData("clusters --api http://127.0.0.1:8080 --limit 5")]
    [InlineData("clusters export out.jsonl")]
    [InlineData("clusters recluster --api-key k")]
    [InlineData("clusters bench --failures 1000")]
    [InlineData("clusters bench latency")]
    [InlineData("clusters bench groupings")]
    [InlineData("clusters bench analyst --failures 200 --latency-ms 50")]
    [InlineData("quality clusters f.otlp.jsonl --labels f.labels.jsonl --label-field mistake_agent --offline --analyst gpt")]
    [InlineData("candidates export out.jsonl")]
    [InlineData("candidates import in.jsonl")]
    [InlineData("mining quality --file f.otlp.jsonl")]
    [InlineData("evals run --agent airline-agent --trials 2 --no-wait")]
    [InlineData("evals compare run_a run_b")]
    [InlineData("evals bench --cases 10 --trials 1 --latency-ms 5 --concurrency 2 --error-rate 0 --server-cases 5")]
    [InlineData("optimize --agent airline-agent --wait --snapshot s --iterations 2 --trials 2 --model simulated")]
    [InlineData("optimize bench --cases 500 --trials 3 --iterations 5")]
    [InlineData("web bench --traces 10 --candidates 10 --cases 5 --requests 2")]
    public void Parses(string line)
    {
        var result = Root().Parse(line);

        Assert.True(result.Errors.Count == 0, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.NotNull(result.Action);
    }

    [Fact]
    public void An_unknown_flag_is_an_error()
    {
        Assert.NotEmpty(Root().Parse("clusters bench --no-such-flag").Errors);
    }
}
