using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Models.Simulation;
using BetterHarness.Optimizer.Tests.Support;

namespace BetterHarness.Optimizer.Tests.Simulation;

[Collection(EmbedderCollection.Name)]
public sealed class SimulatedModelTests(EmbedderFixture fixture)
{
    private const string InsuranceRule = "When a customer with travel insurance wants to cancel and get a refund, transfer them to a human agent.";
    private const string NoRepeatRule = "Never ask the user again for details they already gave in the conversation; use them in your answer.";

    private SimulatedModel Model(double flipRate = 0, int seed = 7) =>
        new(fixture.Embedder, new SimulatedModelOptions { FlipRate = flipRate, Seed = seed });

    private static async Task<Dictionary<string, double>> PassRates(SimulatedModel model, HarnessDocument harness, IReadOnlyList<EvalCase>? cases = null, int trials = 1)
    {
        var result = await EvalRunner.EvaluateAsync(harness, cases ?? AirlineFixture.All, trials, model);
        return result.Cases.ToDictionary(c => c.Case.Id, c => c.PassRate);
    }

    private static string With(params string[] rules) => string.Join("\n", [AirlineFixture.BaseInstructions, .. rules]);

    [Fact]
    public async Task The_base_harness_fails_the_cases_the_production_agent_failed()
    {
        var rates = await PassRates(Model(), AirlineFixture.Harness());
        Assert.All(rates.Values, r => Assert.Equal(0, r));
    }

    [Fact]
    public async Task A_relevant_general_instruction_fixes_its_whole_category_and_nothing_else()
    {
        var rates = await PassRates(Model(), AirlineFixture.Harness(With(InsuranceRule)));
        Assert.All(AirlineFixture.InsuranceTransfers, c => Assert.Equal(1, rates[c.Id]));
        Assert.All(AirlineFixture.NoRepeatQuestions, c => Assert.Equal(0, rates[c.Id]));

        var followup = await PassRates(Model(), AirlineFixture.Harness(With(NoRepeatRule)));
        Assert.All(AirlineFixture.NoRepeatQuestions, c => Assert.Equal(1, followup[c.Id]));
        Assert.All(AirlineFixture.InsuranceTransfers, c => Assert.Equal(0, followup[c.Id]));
    }

    [Fact]
    public async Task An_irrelevant_instruction_changes_no_outcome()
    {
        var before = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(With(InsuranceRule)), AirlineFixture.All, 2, Model());
        var after = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(With(InsuranceRule, "Always answer in a friendly tone and sign off with the airline's name.")),
            AirlineFixture.All, 2, Model());
        Assert.Equal(Outcomes(before), Outcomes(after));
    }

    [Fact]
    public async Task Quoting_one_cases_literal_values_fixes_that_case_without_generalising()
    {
        var rates = await PassRates(Model(), AirlineFixture.Harness(With("For ZX81AA use transfer_to_human_agents.")));
        Assert.Equal(1, rates["t1"]);
        Assert.All(AirlineFixture.All.Where(c => c.Id != "t1"), c => Assert.Equal(0, rates[c.Id]));
    }

    [Fact]
    public async Task Longer_instructions_lower_salience_until_a_relevant_rule_is_no_longer_followed()
    {
        var filler = Enumerable.Range(1, 80).Select(i => $"Note {i}: the office orders paper and printer toner on the first Monday of month {i % 12 + 1}.");
        var concise = AirlineFixture.Harness(With(InsuranceRule));
        var bloated = AirlineFixture.Harness(With([InsuranceRule, .. filler]));
        var options = new SimulatedModelOptions();
        Assert.True(Salience(bloated, options) < Salience(concise, options));

        var model = Model();
        var conciseRates = await PassRates(model, concise, AirlineFixture.InsuranceTransfers);
        var bloatedRates = await PassRates(model, bloated, AirlineFixture.InsuranceTransfers);
        Assert.Equal(1, conciseRates.Values.Average());
        Assert.True(bloatedRates.Values.Average() < conciseRates.Values.Average(), model.Explain(bloated, AirlineFixture.InsuranceTransfers[0], 0));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_results_and_noise_makes_trials_disagree()
    {
        var harness = AirlineFixture.Harness(With(InsuranceRule));
        var first = await EvalRunner.EvaluateAsync(harness, AirlineFixture.All, 10, Model(flipRate: 0.3, seed: 11));
        var again = await EvalRunner.EvaluateAsync(harness, AirlineFixture.All, 10, Model(flipRate: 0.3, seed: 11));
        var otherSeed = await EvalRunner.EvaluateAsync(harness, AirlineFixture.All, 10, Model(flipRate: 0.3, seed: 12));
        Assert.Equal(Outcomes(first), Outcomes(again));
        Assert.NotEqual(Outcomes(first), Outcomes(otherSeed));
        Assert.Contains(first.Cases, c => c.PassRate is > 0 and < 1);
    }

    [Fact]
    public async Task A_tool_whose_description_covers_the_request_better_takes_the_call()
    {
        IReadOnlyList<EvalCase> cases = [AirlineFixture.FlightSearch];
        var before = await PassRates(Model(), AirlineFixture.Harness(), cases);
        var competing = AirlineFixture.Tools.Append(AirlineFixture.Tool("get_flight_status",
            "Are there any direct flights from one airport to another on a date: lists JFK to SFO style routes by day.")).ToList();
        var after = await PassRates(Model(), AirlineFixture.Harness(tools: competing), cases);
        Assert.Equal(1, before["s1"]);
        Assert.Equal(0, after["s1"]);
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

    private static double Salience(HarnessDocument harness, SimulatedModelOptions options) =>
        InstructionRules.Salience(harness.Instructions, options);

    private static List<string> Outcomes(EvalResult result) =>
        result.Cases.SelectMany(c => c.Trials.Select(t => $"{c.Case.Id}/{t.Trial}:{t.Passed}")).ToList();
}
