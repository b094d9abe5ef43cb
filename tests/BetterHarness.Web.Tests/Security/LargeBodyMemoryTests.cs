using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using Xunit.Abstractions;

namespace BetterHarness.Web.Tests.Security;

/// <summary>
/// Probe finding 8: six concurrent 28 MB bulk requests left the process at 3.0 GB. Now six concurrent requests at each
/// bulk route's maximum size (just under the 8 MiB import limit: real eval cases) and six just over it are answered
/// with memory bounded; the host runs in this test's process, so its resident set is what is measured. The test runs
/// alone (its collection is not parallelised with the others), or the other test classes' hosts would be measured too.
/// </summary>
[Collection(MemoryMeasurement.Name)]
public sealed class LargeBodyMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Six_concurrent_maximum_size_imports_and_six_oversized_ones_keep_memory_bounded()
    {
        await using var host = await IngestHost.StartAsync();
        var limit = 8 << 20;
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizer", "cases.jsonl"));
        string Body(string prefix)
        {
            var body = new StringBuilder();
            for (var i = 0; ; i++)
            {
                var node = JsonNode.Parse(lines[i % lines.Length])!.AsObject();
                node["id"] = $"{prefix}_{i:D5}";
                var line = node.ToJsonString();
                if (body.Length + line.Length + 1 > limit - 1024) return body.ToString();
                body.Append(line).Append('\n');
            }
        }

        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20);
            }
        });

        var stopwatch = Stopwatch.StartNew();
        var requests = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? "/api/evals/import?agent=memory" : "/api/candidates/import", Body($"case_mem{i}")))
            .Concat(Enumerable.Range(0, 6).Select(i => ("/api/candidates/import", new string('x', limit + (1 << 20)))))
            .Select(async r =>
            {
                using var http = new HttpClient { BaseAddress = host.Api.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
                var response = await http.SendAsync(ProbeFindingsTests.Oversized(r.Item1, new StringContent(r.Item2, Encoding.UTF8, "application/x-ndjson")));
                return (r.Item1, r.Item2.Length, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }).ToList();
        var answers = await Task.WhenAll(requests);
        await sampling.CancelAsync();
        await sampler;

        foreach (var a in answers)
            output.WriteLine($"{a.Item1} {a.Length / 1048576.0:0.0} MiB → {(int)a.StatusCode} {(a.Body.Length > 120 ? a.Body[..120] : a.Body)}");
        output.WriteLine($"working set: {before / 1048576} MiB before, {peak / 1048576} MiB at peak (+{(peak - before) / 1048576} MiB), {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.All(answers.Take(6), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(answers.Skip(6), a => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, a.StatusCode));
        Assert.True(peak - before < 1536L << 20, $"the working set grew by {(peak - before) / 1048576} MiB");
    }
}

/// <summary>Tests that measure the whole process's memory run after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurement
{
    public const string Name = "memory measurement (runs alone)";
}
