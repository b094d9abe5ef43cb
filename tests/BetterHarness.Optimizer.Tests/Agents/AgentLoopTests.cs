using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Tests.Support;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Tests.Agents;

public sealed class AgentLoopTests
{
    private static readonly EvalCase Case = AirlineFixture.InsuranceTransfers[0] with
    {
        Input = new CaseInput
        {
            Messages =
            [
                new CaseMessage("user", "Cancel ZX81AA please."),
                new CaseMessage("assistant", "Let me look.", [new CaseToolCall("cancel_reservation", System.Text.Json.Nodes.JsonNode.Parse("""{"reservation_id":"ZX81AA"}"""))]),
                new CaseMessage("user", "I have insurance."),
            ],
        },
    };

    [Fact]
    public async Task Answers_tool_calls_from_the_recordings_whatever_the_argument_formatting()
    {
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("c1", "cancel_reservation", """{ "reservation_id" : "ZX81AA" }"""),
            _ => ScriptedChatClient.Say("Cancelled."));
        var transcript = await AgentLoop.RunAsync(model, AirlineFixture.Harness(), Case, 0, CancellationToken.None);

        var tool = Assert.Single(transcript.Messages, m => m.Role == "tool");
        Assert.Equal("{\"status\":\"cancelled\",\"refund\":0}", tool.Text);
        Assert.True(tool.Recorded);
        var sent = model.Received[1].Last().Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal("c1", sent.CallId);
        Assert.Equal("Cancelled.", transcript.Messages.Last().Text);
        Assert.Equal(2, transcript.Steps);
        Assert.Equal(220, transcript.InputTokens);
        Assert.Equal(15, transcript.OutputTokens);
    }

    [Fact]
    public async Task A_failure_while_the_run_is_being_cancelled_propagates_instead_of_becoming_an_agent_error()
    {
        // A host stopping mid-run: the run's token is cancelled and the model's resources are already disposed.
        using var stopping = new CancellationTokenSource();
        var model = new ScriptedChatClient(_ =>
        {
            stopping.Cancel();
            throw new ObjectDisposedException("MiniLmEmbedder");
        });

        await Assert.ThrowsAsync<ObjectDisposedException>(() => AgentLoop.RunAsync(model, AirlineFixture.Harness(), Case, 0, stopping.Token));
    }

    [Fact]
    public async Task A_model_failure_in_a_running_run_is_the_trial_s_agent_error()
    {
        var model = new ScriptedChatClient(_ => throw new HttpRequestException("endpoint down"));
        var transcript = await AgentLoop.RunAsync(model, AirlineFixture.Harness(), Case, 0, CancellationToken.None);

        Assert.Equal("HttpRequestException: endpoint down", transcript.Error);
    }

    [Fact]
    public async Task Answers_a_call_production_never_made_with_the_documented_unrecorded_response()
    {
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("c1", "get_reservation_details", """{"reservation_id":"NOPE00"}"""),
            _ => ScriptedChatClient.Say("Sorry."));
        var transcript = await AgentLoop.RunAsync(model, AirlineFixture.Harness(), Case, 0, CancellationToken.None);

        var tool = Assert.Single(transcript.Messages, m => m.Role == "tool");
        Assert.Equal(ToolKey.UnrecordedResponse, tool.Text);
        Assert.False(tool.Recorded);
    }

    [Fact]
    public async Task Gives_the_model_the_harness_instructions_and_tools_and_the_case_history_with_answered_calls()
    {
        var model = new ScriptedChatClient(_ => ScriptedChatClient.Say("ok"));
        await AgentLoop.RunAsync(model, AirlineFixture.Harness("Be brief."), Case, 0, CancellationToken.None);

        var sent = model.Received[0];
        Assert.Equal(ChatRole.System, sent[0].Role);
        Assert.Equal("Be brief.", sent[0].Text);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.User], sent.Select(m => m.Role));
        Assert.Equal("{\"status\":\"cancelled\",\"refund\":0}", sent[3].Contents.OfType<FunctionResultContent>().Single().Result);
        Assert.Equal(AirlineFixture.Tools.Select(t => t.Name), model.Options[0]!.Tools!.Select(t => t.Name));
    }

    [Fact]
    public async Task Stops_at_the_harness_step_limit()
    {
        var model = new ScriptedChatClient(m => ScriptedChatClient.Call("c" + m.Count, "search_direct_flight", "{}"));
        var harness = AirlineFixture.Harness() with { Model = new() { MaxSteps = 3 } };
        var transcript = await AgentLoop.RunAsync(model, harness, Case, 0, CancellationToken.None);

        Assert.True(transcript.StepLimitReached);
        Assert.Equal(3, transcript.Steps);
        Assert.Equal(3, model.Received.Count);
    }

    [Fact]
    public async Task Keeps_the_transcript_so_far_when_the_model_fails()
    {
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("c1", "cancel_reservation", """{"reservation_id":"ZX81AA"}"""),
            _ => throw new HttpRequestException("connection refused"));
        var transcript = await AgentLoop.RunAsync(model, AirlineFixture.Harness(), Case, 0, CancellationToken.None);

        Assert.Contains("connection refused", transcript.Error);
        Assert.Equal(2, transcript.Messages.Count);
    }
}
