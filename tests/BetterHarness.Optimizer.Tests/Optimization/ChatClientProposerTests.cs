using System.ClientModel;
using System.Text.Json;
using BetterHarness.Tools.Load;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using Microsoft.Extensions.AI;
using OpenAI;

namespace BetterHarness.Optimizer.Tests.Optimization;

public sealed class ChatClientProposerTests
{
    private static ProposalInput Input()
    {
        var fixture = Fixture.Airline();
        var failing = new SetResult<OptimizationSplit>(fixture.Optimization.Cases.Select(c => new CaseResult(c.Id,
            [new TrialResult(false, [new GraderFailure("tool_called", fixture.ById[c.Id].Tool, "not called")], [], "?", null, 1)])));
        return ProposalInputBuilder.Build(fixture.Harness, fixture.Optimization, failing, [], fixture.Harness.Tools, 2, 300);
    }

    /// <summary>An answer reporting 1,200 prompt and 80 completion tokens.</summary>
    private static ChatReply Answer(string text) => new(text) { PromptTokens = 1200, CompletionTokens = 80 };

    private static IChatClient Client(LocalChatServer server) =>
        new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.BaseUrl })
            .GetChatClient("proposer-model").AsIChatClient();

    [Fact]
    public async Task Proposes_through_an_OpenAI_compatible_endpoint_with_a_json_schema_response_format()
    {
        var answer = JsonSerializer.Serialize(new
        {
            changes = new[]
            {
                new { kind = "add_instruction", target = "", text = "When a trip is cancelled and the user wants money back, call transfer_to_human_agents.", rationale = "refund cases never reach a human" },
                new { kind = "edit_tool_description", target = "update_reservation_baggages", text = "Add or remove checked bags on a reservation.", rationale = "bag requests pick the wrong tool" },
                new { kind = "remove_tool", target = "get_reservation_details", text = "", rationale = "third candidate is cut by maxChanges" },
            },
        });
        await using var server = await LocalChatServer.StartAsync(_ => Answer(answer));

        var proposal = await new ChatClientProposer(Client(server), "proposer-model").ProposeAsync(Input(), CancellationToken.None);

        Assert.Equal(2, proposal.Changes.Count);
        Assert.Equal(ChangeKinds.AddInstruction, proposal.Changes[0].Kind);
        Assert.Equal("update_reservation_baggages", proposal.Changes[1].Target);
        Assert.Equal(1280, proposal.Tokens);
        var request = Assert.Single(server.Requests);
        Assert.Equal("proposer-model", (string?)request["model"]);
        Assert.Equal("json_schema", (string?)request["response_format"]?["type"]);
        Assert.Contains("changes", request["response_format"]!["json_schema"]!["schema"]!.ToJsonString());
        var user = request["messages"]!.AsArray().Last()!["content"]!.ToJsonString();
        Assert.Contains("opt-refund-0", user);
        Assert.DoesNotContain("hold-", user);
    }

    [Fact]
    public async Task A_model_answer_that_is_not_the_schema_fails_with_a_clear_error()
    {
        await using var server = await LocalChatServer.StartAsync(_ => Answer("I think you should add more instructions."));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ChatClientProposer(Client(server), "proposer-model").ProposeAsync(Input(), CancellationToken.None));

        Assert.Contains("did not answer with the expected JSON", error.Message);
    }
}
