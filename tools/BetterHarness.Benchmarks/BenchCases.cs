using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Benchmarks;

/// <summary>
/// Synthetic eval cases shaped like mined tau-bench airline cases (user turns with ids, a correction, an expected
/// behaviour, graders), in four categories, 30% holdout, 5% must-pass. For the optimiser benchmark only.
/// </summary>
internal static class BenchCases
{
    private static readonly (string Category, string Tool, string Behaviour, string[] Asks)[] Kinds =
    [
        ("tool_selection", "transfer_to_human_agents", "Act on the user's intent without needing the correction: call transfer_to_human_agents.",
            ["I bought travel insurance and want a full refund for {0}", "cancel {0}, I have insurance so refund me", "my insurance covers {0}, please refund it"]),
        ("followup_quality", "get_user_details", "Use the details the user already gave instead of asking for them again.",
            ["my user id is {1}, what is my baggage allowance", "I'm {1}, how many free bags do I get", "user {1} here, tell me my membership level"]),
        ("tool_arguments", "update_reservation_baggages", "Act on the user's intent without needing the correction: call update_reservation_baggages.",
            ["add two checked bags to {0}", "I need one more bag on {0}", "please add bags to reservation {0}"]),
        ("multi_step", "search_direct_flight", "Act on the user's intent without needing the correction: call search_direct_flight.",
            ["find me a direct flight from JFK to SFO, booking {0}", "is there a nonstop flight to Boston for {0}", "search direct flights to change {0}"]),
    ];

    public static HarnessDocument Harness { get; } = new()
    {
        Instructions = "You are an airline customer service agent. Help users with their reservations.",
        Tools =
        [
            Tool("get_reservation_details", "Get the details of a reservation."), Tool("get_user_details", "Get the details of a user."),
            Tool("transfer_to_human_agents", "Transfer the user to a human agent."), Tool("update_reservation_baggages", "Update the bags of a reservation."),
            Tool("search_direct_flight", "Search direct flights."), Tool("cancel_reservation", "Cancel a reservation."),
        ],
    };

    public static IReadOnlyList<EvalCase> Generate(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var kind = Kinds[i % Kinds.Length];
        var reservation = $"R{i:D5}X";
        var user = $"user_{i}_{1000 + i * 7 % 9000}";
        var ask = string.Format(System.Globalization.CultureInfo.InvariantCulture, kind.Asks[i / Kinds.Length % kind.Asks.Length], reservation, user);
        var graders = kind.Category == "followup_quality"
            ? new[] { Grader.NoClarifyingQuestion(), Grader.FinalAnswerContains(user) }
            : new[] { Grader.ToolCalled(kind.Tool), Grader.ToolNotCalled("cancel_reservation") };
        return new EvalCase
        {
            Id = $"case_{i:D5}",
            Category = kind.Category,
            Split = i % 10 < 3 ? "holdout" : "optimization",
            MustPass = i % 20 == 0,
            Input = new CaseInput { Messages = [new CaseMessage("user", ask)] },
            Expected = new CaseExpectation
            {
                Correction = kind.Category == "followup_quality" ? $"I already told you, I am {user}." : $"No, I meant it: {ask}.",
                Behaviour = kind.Behaviour,
                ToolCalls = kind.Category == "followup_quality" ? [] : [new CaseToolCall(kind.Tool, new JsonObject { ["reservation_id"] = reservation })],
            },
            Graders = graders,
            Tags = [kind.Category],
        };
    }).ToList();

    private static ToolDefinition Tool(string name, string description) => new()
    {
        Name = name, Description = description, Parameters = JsonDocument.Parse("{\"type\":\"object\"}").RootElement.Clone(),
    };
}
