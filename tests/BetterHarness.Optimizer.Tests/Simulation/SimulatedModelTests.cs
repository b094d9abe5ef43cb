using BetterHarness.EvalCases.Cases;
using BetterHarness.Models.Simulated;
using BetterHarness.Models.Simulated.Instructions;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Tests.Support;

namespace BetterHarness.Optimizer.Tests.Simulation;

/// <summary>
/// The honest simulated model, run through the same agent loop and graders as a real model: its outcomes follow from
/// the harness text it is sent and the conversation, never from the case's expectation (it has no way to see it).
/// </summary>
[Collection(EmbedderCollection.Name)]
public sealed class SimulatedModelTests(EmbedderFixture fixture)
{
    private const string InsuranceRule = "When a customer with travel insurance wants to cancel and get a refund, transfer them to a human agent.";
    private const string NoRepeatRule = "Never ask the user again for details they already gave in the conversation; use them in your answer.";

    private ChatAgentRunner Model(double noise = 0.08, int seed = 7) =>
        new("simulated", new SimulatedChatClient(fixture.Embedder, new SimulatedModelOptions { Noise = noise, Seed = seed }), simulated: true);

    private static async Task<Dictionary<string, double>> PassRates(ChatAgentRunner model, HarnessDocument harness, IReadOnlyList<EvalCase>? cases = null, int trials = 4)
    {
        var result = await EvalRunner.EvaluateAsync(harness, cases ?? AirlineFixture.All, trials, model);
        return result.Cases.ToDictionary(c => c.Case.Id, c => c.PassRate);
    }

    private static string With(params string[] rules) => string.Join("\n", [AirlineFixture.BaseInstructions, .. rules]);

    [Fact]
    public async Task The_base_harness_makes_the_production_agents_mistakes()
    {
        var result = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(), AirlineFixture.All, 4, Model());
        Assert.All(result.Cases, c => Assert.Equal(0, c.PassRate));
        // It cancels where a transfer was wanted: picked by the tool description closest to the request.
        var transfer = result.Cases.First(c => c.Case.Id == "t1").Trials[0].Transcript;
        Assert.Contains(transfer.Messages, m => m.ToolCalls?.Any(c => c.Name == "cancel_reservation" && c.Arguments.Contains("ZX81AA")) == true);
    }

    [Fact]
    public async Task An_empty_or_irrelevant_instruction_changes_nothing()
    {
        var baseline = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(With(InsuranceRule)), AirlineFixture.All, 4, Model());
        var irrelevant = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(With(InsuranceRule, "Always answer in a friendly tone and sign off with the airline's name.")),
            AirlineFixture.All, 4, Model());
        Assert.Equal(Outcomes(baseline), Outcomes(irrelevant));

        var plain = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(), AirlineFixture.All, 4, Model());
        var empty = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(""), AirlineFixture.All, 4, Model());
        Assert.Equal(Outcomes(plain), Outcomes(empty));
    }

    [Fact]
    public async Task A_general_policy_rule_fixes_every_case_it_covers_and_nothing_else()
    {
        var rates = await PassRates(Model(), AirlineFixture.Harness(With(InsuranceRule)));
        Assert.All(AirlineFixture.InsuranceTransfers, c => Assert.Equal(1, rates[c.Id]));
        Assert.All(AirlineFixture.NoRepeatQuestions, c => Assert.Equal(0, rates[c.Id]));

        var followup = await PassRates(Model(), AirlineFixture.Harness(With(NoRepeatRule)));
        Assert.All(AirlineFixture.NoRepeatQuestions, c => Assert.Equal(1, followup[c.Id]));
        Assert.All(AirlineFixture.InsuranceTransfers, c => Assert.Equal(0, followup[c.Id]));
    }

    [Fact]
    public async Task Quoting_one_cases_values_fixes_at_most_that_case()
    {
        var rates = await PassRates(Model(), AirlineFixture.Harness(With("For ZX81AA use transfer_to_human_agents.")));
        Assert.Equal(1, rates["t1"]);
        Assert.All(AirlineFixture.All.Where(c => c.Id != "t1"), c => Assert.Equal(0, rates[c.Id]));
    }

    [Fact]
    public async Task Very_long_instructions_lose_salience_until_a_relevant_rule_is_no_longer_followed()
    {
        var filler = Enumerable.Range(1, 300).Select(i => $"Note {i}: the office orders paper and printer toner on the first Monday of month {i % 12 + 1}.");
        var concise = AirlineFixture.Harness(With(InsuranceRule));
        var bloated = AirlineFixture.Harness(With([InsuranceRule, .. filler]));
        var options = new SimulatedModelOptions();
        Assert.True(InstructionText.Salience(bloated.Instructions, options) < 0.6);
        Assert.Equal(1, InstructionText.Salience(concise.Instructions, options));

        var conciseRates = await PassRates(Model(), concise, AirlineFixture.InsuranceTransfers);
        var bloatedRates = await PassRates(Model(), bloated, AirlineFixture.InsuranceTransfers);
        Assert.Equal(1, conciseRates.Values.Average());
        Assert.True(bloatedRates.Values.Average() < 0.5, $"bloated pass rate {bloatedRates.Values.Average()}");
    }

    [Fact]
    public async Task Same_seed_reproduces_every_trial_and_trials_sample_afresh()
    {
        var harness = AirlineFixture.Harness(With(InsuranceRule));
        var first = await EvalRunner.EvaluateAsync(harness, AirlineFixture.All, 12, Model(noise: 0.4, seed: 11));
        var again = await EvalRunner.EvaluateAsync(harness, AirlineFixture.All, 12, Model(noise: 0.4, seed: 11));
        var otherSeed = await EvalRunner.EvaluateAsync(harness, AirlineFixture.All, 12, Model(noise: 0.4, seed: 12));
        Assert.Equal(Outcomes(first), Outcomes(again));
        Assert.NotEqual(Outcomes(first), Outcomes(otherSeed));
        Assert.Contains(first.Cases, c => c.PassRate is > 0 and < 1);
    }

    [Fact]
    public async Task A_tool_description_that_says_when_to_use_it_takes_the_call()
    {
        var rates = await PassRates(Model(), AirlineFixture.Harness(), AirlineFixture.InsuranceTransfers);
        var clearer = AirlineFixture.Tools.Select(t => t.Name == "transfer_to_human_agents"
            ? t with { Description = t.Description + " Use it when a user with travel insurance wants to cancel and asks for a refund." }
            : t).ToList();
        var after = await PassRates(Model(), AirlineFixture.Harness(tools: clearer), AirlineFixture.InsuranceTransfers);
        Assert.All(rates.Values, r => Assert.Equal(0, r));
        Assert.True(after.Values.Average() >= 0.75, string.Join(", ", after.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Fact]
    public async Task Following_a_rule_cannot_call_a_tool_the_harness_does_not_declare()
    {
        var tools = AirlineFixture.Tools.Where(t => t.Name != "transfer_to_human_agents").ToList();
        var rates = await PassRates(Model(), AirlineFixture.Harness(With(InsuranceRule), tools), AirlineFixture.InsuranceTransfers);
        Assert.All(rates.Values, r => Assert.Equal(0, r));
    }

    [Fact]
    public async Task Every_run_is_labelled_as_a_simulation()
    {
        var result = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(), AirlineFixture.All.Take(1).ToList(), 1, Model());
        Assert.True(result.Simulated);
        Assert.Equal("simulated", result.Cases[0].Trials[0].Transcript.Model);
        Assert.True(result.Cases[0].Trials[0].Transcript.InputTokens > 0);
    }

    private static List<string> Outcomes(EvalResult result) =>
        result.Cases.SelectMany(c => c.Trials.Select(t => $"{c.Case.Id}/{t.Trial}:{t.Passed}:{string.Join(",", t.Transcript.Messages.SelectMany(m => m.ToolCalls ?? []).Select(x => x.Name))}")).ToList();
}
