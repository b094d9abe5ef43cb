using BetterHarness.Models.Simulated;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Tests.Support;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Tests.Agents;

/// <summary>Model settings are part of the harness: a change edits them, the agent loop applies them to any model.</summary>
[Collection(EmbedderCollection.Name)]
public sealed class ModelSettingsTests(EmbedderFixture fixture)
{
    private static readonly BetterHarness.EvalCases.Cases.EvalCase Case = AirlineFixture.InsuranceTransfers[0];

    [Fact]
    public async Task The_loop_sends_temperature_output_cap_and_the_trial_as_seed_to_a_real_model()
    {
        var model = new ScriptedChatClient(_ => ScriptedChatClient.Say("ok"));
        var harness = AirlineFixture.Harness() with { Model = new ModelSettings { Temperature = 0.3, MaxOutputTokens = 256 } };

        await AgentLoop.RunAsync(model, harness, Case, trial: 5, CancellationToken.None);

        var sent = model.Options.Single()!;
        Assert.Equal(0.3f, sent.Temperature);
        Assert.Equal(256, sent.MaxOutputTokens);
        Assert.Equal(5, sent.Seed);
    }

    [Fact]
    public async Task Once_the_tool_call_budget_is_spent_the_model_is_asked_without_tools_and_must_answer()
    {
        var model = new ScriptedChatClient(m => m.Count < 6
            ? ScriptedChatClient.Call("c" + m.Count, "get_reservation_details", """{"reservation_id":"ZX81AA"}""")
            : ScriptedChatClient.Say("done"));
        var harness = AirlineFixture.Harness() with { Model = new ModelSettings { MaxToolCalls = 2 } };

        var transcript = await AgentLoop.RunAsync(model, harness, Case, 0, CancellationToken.None);

        Assert.Equal(2, transcript.Messages.Count(m => m.Role == "tool"));
        Assert.NotEmpty(model.Options[1]!.Tools!);
        Assert.Null(model.Options[2]!.Tools);
        Assert.False(transcript.StepLimitReached);
    }

    [Fact]
    public async Task The_simulated_model_obeys_the_same_settings()
    {
        var client = new SimulatedChatClient(fixture.Embedder, new SimulatedModelOptions { Noise = 0 });
        var runner = new ChatAgentRunner("simulated", client, simulated: true);
        var rule = "When a customer with travel insurance wants to cancel and get a refund, transfer them to a human agent.";
        var free = AirlineFixture.Harness(AirlineFixture.BaseInstructions + "\n" + rule);
        var noTools = free with { Model = new ModelSettings { MaxToolCalls = 1 } };
        var oneStep = free with { Model = new ModelSettings { MaxSteps = 1 } };

        var freeRun = await runner.RunAsync(free, Case, 0, CancellationToken.None);
        var budgetRun = await runner.RunAsync(noTools, Case, 0, CancellationToken.None);
        var stepRun = await runner.RunAsync(oneStep, Case, 0, CancellationToken.None);

        Assert.Contains(freeRun.Messages, m => m.ToolCalls?.Any(c => c.Name == "transfer_to_human_agents") == true);
        Assert.Single(budgetRun.Messages, m => m.Role == "tool");
        Assert.Equal("assistant", budgetRun.Messages[^1].Role);
        Assert.False(string.IsNullOrEmpty(budgetRun.Messages[^1].Text));
        Assert.True(stepRun.StepLimitReached);
    }

    [Theory]
    [InlineData("temperature", "0.2", null)]
    [InlineData("temperature", "3", "temperature must be")]
    [InlineData("maxOutputTokens", "512", null)]
    [InlineData("maxOutputTokens", "4", "maxOutputTokens must be")]
    [InlineData("maxSteps", "20", null)]
    [InlineData("maxSteps", "0", "maxSteps must be")]
    [InlineData("maxToolCalls", "6", null)]
    [InlineData("topP", "0.9", "unknown model setting")]
    public void An_edit_model_settings_change_sets_one_validated_setting(string setting, string value, string? error)
    {
        var (after, problem) = HarnessChangeApplier.Apply(AirlineFixture.Harness(), new HarnessChange(ChangeKinds.EditModelSettings, setting, value, "r"), []);
        if (error is not null)
        {
            Assert.Null(after);
            Assert.StartsWith(error, problem);
            return;
        }
        Assert.Null(problem);
        var rendered = HarnessDiff.Between(AirlineFixture.Harness(), after!);
        Assert.Contains(rendered.Lines, l => l.Op == "+" && l.Text.StartsWith(setting + ": " + value, StringComparison.Ordinal));
        var cleared = HarnessChangeApplier.Apply(after!, new HarnessChange(ChangeKinds.EditModelSettings, setting, "none", "r"), []);
        if (setting != "maxSteps") Assert.Equal(AirlineFixture.Harness().Model, cleared.Harness!.Model);
    }
}
