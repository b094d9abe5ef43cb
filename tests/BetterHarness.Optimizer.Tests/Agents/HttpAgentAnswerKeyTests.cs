using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Tests.Agents;

/// <summary>
/// A recording agent on a real socket: everything the HTTP agent adapter sends it is kept byte for byte, and none of it
/// may carry the answer key — the expected behaviour, the correction, the expected calls' arguments, the graders, the
/// split, the case id or the recordings of calls the agent never asked for.
/// </summary>
public sealed class HttpAgentAnswerKeyTests
{
    private const string Behaviour = "ZEBRA-BEHAVIOUR transfer insured refunds to a human";
    private const string Correction = "QUOKKA-CORRECTION I told you I have insurance";
    private const string ExpectedSummary = "PANGOLIN-EXPECTED-ARGUMENT";
    private const string Rubric = "NARWHAL-RUBRIC the agent escalates";
    private const string CaseId = "case_OKAPI_4411";
    private const string NotAskedFor = "AXOLOTL-RECORDED-BUT-NOT-ASKED";

    private static EvalCase SecretCase => new()
    {
        Id = CaseId,
        Summary = "OKAPI summary of the case",
        Split = "holdout",
        Category = "tool_selection",
        MustPass = true,
        Input = new CaseInput
        {
            SystemInstructions = "traced instructions",
            Messages =
            [
                new CaseMessage("user", "Please cancel reservation ZX81AA, I bought insurance."),
                new CaseMessage("assistant", "", [new CaseToolCall("get_reservation_details", new JsonObject { ["reservation_id"] = "ZX81AA" })]),
                new CaseMessage("tool", "{\"reservation_id\":\"ZX81AA\"}"),
                new CaseMessage("assistant", "I can cancel it without a refund."),
                new CaseMessage("user", "But I have insurance."),
            ],
        },
        Tools = new CaseTools
        {
            Recorded =
            [
                new RecordedResponse("""get_reservation_details {"reservation_id":"ZX81AA"}""", "get_reservation_details", """{"reservation_id":"ZX81AA"}""",
                    Response: "{\"reservation_id\":\"ZX81AA\",\"insurance\":\"yes\"}"),
                new RecordedResponse("""transfer_to_human_agents {"summary":"refund"}""", "transfer_to_human_agents", """{"summary":"refund"}""",
                    Response: "TRANSFERRED-OK"),
                new RecordedResponse("""cancel_reservation {"reservation_id":"ZX81AA"}""", "cancel_reservation", """{"reservation_id":"ZX81AA"}""",
                    Response: NotAskedFor),
            ],
        },
        Expected = new CaseExpectation
        {
            Behaviour = Behaviour, Correction = Correction,
            ToolCalls = [new CaseToolCall("transfer_to_human_agents", new JsonObject { ["summary"] = ExpectedSummary })],
        },
        Graders = [Grader.ToolCalled("transfer_to_human_agents"), Grader.FinalAnswerContains("WOMBAT-GRADER-TEXT"), Grader.LlmJudge(Rubric)],
        Tags = ["tool_selection", "OKAPI-TAG"],
        Provenance = new CaseProvenance([new CaseSource("trace-OKAPI", 1, "span-OKAPI", "conversation-OKAPI", "corrected")], "fc-OKAPI"),
    };

    [Fact]
    public async Task The_agent_gets_the_harness_the_conversation_and_the_answers_it_asked_for_and_never_the_answer_key()
    {
        var bodies = new ConcurrentQueue<string>();
        await using var agent = await FakeServer.StartAsync(async context =>
        {
            var raw = await new StreamReader(context.Request.Body).ReadToEndAsync();
            bodies.Enqueue(raw);
            var last = JsonNode.Parse(raw)!["messages"]!.AsArray()[^1]!;
            object message = (string)last["role"]! == "tool"
                ? new { text = "I have transferred you to a colleague." }
                : new { text = "", toolCalls = new[] { new { id = "t1", name = "transfer_to_human_agents", arguments = new { summary = "refund" } } } };
            await context.Response.WriteAsJsonAsync(new { message, inputTokens = 5, outputTokens = 3, model = "recorder" });
        });
        using var http = new HttpClient();
        var runner = new HttpAgentRunner("recorder", http, new Uri(agent.BaseUrl + "/run"));
        var harness = new HarnessDocument { Instructions = "Escalate insured refunds.", Tools = [] };

        var trial = await EvalRunner.RunTrialAsync(harness, SecretCase, 2, runner, null, CancellationToken.None);

        var sent = bodies.ToArray();
        Assert.Equal(2, sent.Length);
        foreach (var body in sent)
            foreach (var secret in new[] { Behaviour, Correction, ExpectedSummary, Rubric, "WOMBAT-GRADER-TEXT", "OKAPI", NotAskedFor, "holdout",
                         "\"split\"", "\"expected\"", "\"graders\"", "mustPass", "traced instructions", "fc-", "recorded" })
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        var first = JsonNode.Parse(sent[0])!;
        Assert.Equal(["conversationId", "trial", "step", "harness", "messages"], first.AsObject().Select(p => p.Key));
        Assert.Equal("Escalate insured refunds.", (string)first["harness"]!["instructions"]!);
        Assert.Equal(2, (int)first["trial"]!);
        // The case's own conversation, its earlier call answered as production answered it.
        var history = first["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "tool", "assistant", "user"], history.Select(m => (string)m!["role"]!));
        Assert.Contains("\"insurance\":\"yes\"", (string)history[2]!["text"]!);
        // The second step carries the answer to the call the agent asked for, under the agent's own call id.
        var second = JsonNode.Parse(sent[1])!;
        Assert.Equal((string)first["conversationId"]!, (string)second["conversationId"]!);
        var answer = second["messages"]!.AsArray()[^1]!;
        Assert.Equal(("tool", "t1", "TRANSFERRED-OK"), ((string)answer["role"]!, (string)answer["toolCallId"]!, (string)answer["text"]!));
        Assert.True(trial.Graders.Single(g => g.Type == GraderTypes.ToolCalled).Status == BetterHarness.EvalCases.Grading.GraderStatus.Passed);
        Assert.Equal(2, trial.Transcript.Steps);
        Assert.Equal(10, trial.Transcript.InputTokens);
    }

    [Fact]
    public async Task Each_run_gets_its_own_opaque_conversation_id()
    {
        var ids = new ConcurrentBag<string>();
        await using var agent = await FakeServer.StartAsync(async context =>
        {
            ids.Add((string)(await context.Request.ReadFromJsonAsync<JsonObject>())!["conversationId"]!);
            await context.Response.WriteAsJsonAsync(new { message = new { text = "ok" } });
        });
        using var http = new HttpClient();
        var runner = new HttpAgentRunner("recorder", http, new Uri(agent.BaseUrl + "/run"));
        var harness = new HarnessDocument { Instructions = "x", Tools = [] };

        for (var i = 0; i < 3; i++) await runner.RunAsync(harness, SecretCase, 0, CancellationToken.None);

        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^conv_[0-9a-f]{24}$", id));
    }

    [Fact]
    public async Task An_agent_that_answers_without_a_message_fails_the_trial_with_the_reason()
    {
        await using var agent = await FakeServer.StartAsync(context => context.Response.WriteAsJsonAsync(new { messages = Array.Empty<object>() }));
        using var http = new HttpClient();
        var transcript = await new HttpAgentRunner("old", http, new Uri(agent.BaseUrl + "/run"))
            .RunAsync(new HarnessDocument { Instructions = "x", Tools = [] }, SecretCase, 0, CancellationToken.None);

        Assert.Contains("'message' is missing", transcript.Error);
    }
}
