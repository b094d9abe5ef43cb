using System.Text.Json;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Loop;

namespace BetterHarness.Optimizer.Tests.Optimization;

/// <summary>
/// A small airline-support eval set: refund cases expect transfer_to_human_agents, baggage cases expect
/// update_reservation_baggages; each category has optimisation and holdout cases with distinct wording and ids.
/// The starting harness mentions neither tool in its instructions, so both categories fail at baseline.
/// </summary>
internal sealed class Fixture
{
    public const string Refund = "transfer_to_human_agents";
    public const string Baggage = "update_reservation_baggages";

    public List<FixtureCase> Cases { get; } = [];

    public HarnessDocument Harness { get; init; } = new()
    {
        Instructions = "You are an airline customer service agent. Be polite and concise.",
        Tools =
        [
            Tool(Refund, "Transfer the conversation to a human agent."),
            Tool(Baggage, "Update the checked bags of a reservation."),
            Tool("get_reservation_details", "Read a reservation."),
        ],
    };

    public static Fixture Airline(int perCategory = 6, int holdoutPerCategory = 3)
    {
        var fixture = new Fixture();
        string[] refundAsks = ["I want a refund for my cancelled trip", "please refund the ticket, my plans changed and I need a refund",
            "can I get my money back as a refund for this cancelled booking", "I was charged twice, refund the extra charge",
            "refund me, the flight was cancelled", "my trip is cancelled and I expect a refund"];
        string[] bagAsks = ["I need to add two checked bags to my booking", "add one more checked bag for my return",
            "can you add bags to the reservation, two checked", "please add a checked bag, I have extra luggage",
            "add checked bags for both passengers", "I forgot to add a checked bag when booking"];
        for (var i = 0; i < perCategory + holdoutPerCategory; i++)
        {
            var holdout = i >= perCategory;
            var prefix = holdout ? "hold" : "opt";
            fixture.Cases.Add(new FixtureCase($"{prefix}-refund-{i}", "followup_quality", Refund, Refund, null, false, holdout,
                [$"{refundAsks[i % refundAsks.Length]}. Reservation {(char)('A' + i)}{7 * i + 11}QX{i} for Ms Amelia{i} Okafor.", "Expected: transfer to a human agent."]));
            fixture.Cases.Add(new FixtureCase($"{prefix}-bags-{i}", "tool_selection", Baggage, Baggage, null, false, holdout,
                [$"{bagAsks[i % bagAsks.Length]}. Booking ref ZK{100 + i}P{i}, user noah_{i}_4471.", "Expected: update the baggage."]));
        }
        return fixture;
    }

    public CaseSet<OptimizationSplit> Optimization => new(Cases.Where(c => !c.Holdout).Select(c => c.ToSuiteCase()));

    public CaseSet<HoldoutSplit> Holdout => new(Cases.Where(c => c.Holdout).Select(c => c.ToSuiteCase()));

    public IReadOnlyDictionary<string, FixtureCase> ById => Cases.ToDictionary(c => c.Id);

    public OptimizationRequest Request() => new(Harness, Optimization, Holdout, DateTimeOffset.UnixEpoch.AddDays(20_000));

    public static ToolDefinition Tool(string name, string description) =>
        new() { Name = name, Description = description, Parameters = JsonDocument.Parse("{\"type\":\"object\"}").RootElement.Clone() };
}
