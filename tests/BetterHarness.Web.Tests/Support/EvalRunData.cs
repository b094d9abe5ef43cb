using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// Real eval-run data for the harness and run pages, made once per UI host: two mined cases imported into the eval store, harness v1 derived
/// from the replayed traces, v2 (a hostile edit of v1), a simulated run of each on the same cases, and a run of the
/// hostile HTTP agent.
/// </summary>
public sealed record EvalRunData(string Agent, IReadOnlyList<string> CaseIds, string RunV1, string RunV2, string HostileRun)
{
    public const string AddedRule = "When a tool call fails, read the error and correct the arguments before answering.";

    public static async Task<EvalRunData> CreateAsync(UiHost ui)
    {
        var api = ui.Host.Api;
        // Mined candidates imported as cases under new ids: real cases, and the review queue the other tests use stays untouched.
        const string agent = "airline-agent";
        var review = (await api.GetFromJsonAsync<JsonObject>("/api/review?limit=1000"))!["items"]!.AsArray();
        var candidates = review.Where(i => (string?)i!["agent"] == agent).Select(i => (string)i!["candidateId"]!).Order(StringComparer.Ordinal).Take(2).ToList();
        var lines = new StringBuilder();
        var caseIds = new List<string>();
        foreach (var (candidate, i) in candidates.Select((c, i) => (c, i)))
        {
            var document = (await api.GetFromJsonAsync<JsonObject>("/api/candidates/" + candidate))!;
            document["id"] = $"ui-case-{i + 1}";
            document.Remove("status");
            caseIds.Add($"ui-case-{i + 1}");
            lines.AppendLine(document.ToJsonString());
        }
        (await api.PostAsync($"/api/evals/import?agent={agent}", new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson"))).EnsureSuccessStatusCode();

        var derived = await api.PostAsJsonAsync("/api/harnesses/from-traces", new { agent });
        derived.EnsureSuccessStatusCode();
        var v1 = (await api.GetFromJsonAsync<JsonObject>($"/api/harnesses/{agent}/versions/1"))!;
        var v2 = await api.PostAsJsonAsync("/api/harnesses", new
        {
            agent, parent = 1, author = "mallory " + HostileTrace.Payloads[0], reason = "hostile edit " + HostileTrace.Payloads[1],
            instructions = (string)v1["instructions"]! + "\n" + AddedRule + "\n" + HostileTrace.AllPayloads,
            tools = v1["tools"]!.DeepClone(), model = new { name = "simulated", maxSteps = 8 },
        });
        v2.EnsureSuccessStatusCode();

        var runV1 = await StartAsync(api, new { agent, version = 1, caseIds, model = "simulated", trials = 2 });
        var runV2 = await StartAsync(api, new { agent, version = 2, caseIds, model = "simulated", trials = 2 });
        var hostile = await StartAsync(api, new { agent, version = 1, caseIds = caseIds.Take(1), model = "hostile", trials = 1 });
        foreach (var run in new[] { runV1, runV2, hostile }) await WaitFinishedAsync(api, run);
        return new EvalRunData(agent, caseIds, runV1, runV2, hostile);
    }

    private static async Task<string> StartAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/evalruns", body);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public static async Task<JsonObject> WaitFinishedAsync(HttpClient api, string runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var run = (await api.GetFromJsonAsync<JsonObject>("/api/evalruns/" + runId))!;
            if ((string?)run["status"] is "completed" or "failed") return run;
            await Task.Delay(200);
        }
        throw new TimeoutException($"eval run {runId} did not finish within 120 s");
    }
}
