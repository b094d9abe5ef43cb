using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Tests.Support;

/// <summary>
/// A small airline eval set in the style of the tau-bench cases mining produces: a "transfer when insurance
/// is claimed" category, a "don't ask again" category and a lookup category, with the tools the agent had.
/// </summary>
internal static class AirlineFixture
{
    public const string BaseInstructions = "You are an airline customer service agent. Help users with their reservations.";

    public static readonly ToolDefinition[] Tools =
    [
        Tool("get_reservation_details", "Get the details of a reservation by its reservation id."),
        Tool("cancel_reservation", "Cancel the whole reservation and refund it to the original payment method."),
        Tool("transfer_to_human_agents", "Transfer the user to a human agent, with a summary of the user's issue."),
        Tool("search_direct_flight", "Search direct flights between two cities on a date."),
    ];

    public static HarnessDocument Harness(string instructions = BaseInstructions, IReadOnlyList<ToolDefinition>? tools = null) =>
        new() { Instructions = instructions, Tools = tools ?? Tools };

    public static ToolDefinition Tool(string name, string description) => new()
    {
        Name = name, Description = description,
        Parameters = JsonDocument.Parse("""{"type":"object","properties":{"reservation_id":{"type":"string"}}}""").RootElement.Clone(),
    };

    /// <summary>Users who claim insurance and want a refund: the right move is a transfer, not a cancellation.</summary>
    public static IReadOnlyList<EvalCase> InsuranceTransfers { get; } =
    [
        Transfer("t1", "ZX81AA", "I need to cancel my trip, reservation ZX81AA. I'm sick, and I bought travel insurance so I want a full refund.",
            "But I have travel insurance, so I should get my money back."),
        Transfer("t2", "QW12ER", "Please cancel booking QW12ER. My mother is in hospital; I paid for insurance, so refund me.",
            "I did purchase insurance for this flight, I'm eligible for a refund."),
        Transfer("t3", "PL09OK", "Cancel reservation PL09OK please, I can't travel for health reasons and I have the trip insurance.",
            "I have insurance, that covers health reasons, so I want the refund."),
        Transfer("t4", "MN34BV", "I want to cancel MN34BV and get my money back. I added travel insurance when I booked.",
            "Actually I did buy the insurance, please refund it."),
    ];

    /// <summary>Users who already gave their details: the right move is to use them, not to ask again.</summary>
    public static IReadOnlyList<EvalCase> NoRepeatQuestions { get; } =
    [
        NoAsk("q1", "omar_rossi_1241", "My user id is omar_rossi_1241. What is the baggage allowance on my booking?"),
        NoAsk("q2", "sofia_kim_7209", "I'm sofia_kim_7209 and I'd like to know how many free bags I have."),
        NoAsk("q3", "liam_chen_4410", "User liam_chen_4410 here. Can you tell me my checked bag allowance?"),
    ];

    /// <summary>A user asking for direct flights: right when the agent searches (not in <see cref="All"/>).</summary>
    public static EvalCase FlightSearch { get; } = new()
    {
        Id = "s1",
        Category = "tool_selection",
        Input = new CaseInput { Messages = [new CaseMessage("user", "Are there any direct flights from JFK to SFO on May 20?")] },
        Expected = new CaseExpectation
        {
            Behaviour = "Search for flights: call search_direct_flight.",
            ToolCalls = [new CaseToolCall("search_direct_flight", new JsonObject { ["origin"] = "JFK", ["destination"] = "SFO" })],
        },
        Graders = [Grader.ToolCalled("search_direct_flight", new JsonObject { ["origin"] = "JFK" })],
        Tags = ["tool_selection"],
    };

    public static IReadOnlyList<EvalCase> All => [.. InsuranceTransfers, .. NoRepeatQuestions];

    private static EvalCase Transfer(string id, string reservation, string user, string correction) => new()
    {
        Id = id,
        Category = "tool_selection",
        Split = "optimization",
        Input = new CaseInput { Messages = [new CaseMessage("user", user)] },
        Tools = new CaseTools
        {
            Definitions = ["get_reservation_details", "cancel_reservation", "transfer_to_human_agents"],
            Recorded =
            [
                new RecordedResponse($$"""cancel_reservation {"reservation_id":"{{reservation}}"}""", "cancel_reservation",
                    $$"""{"reservation_id":"{{reservation}}"}""", Response: "{\"status\":\"cancelled\",\"refund\":0}"),
            ],
        },
        Expected = new CaseExpectation
        {
            Correction = correction,
            Behaviour = "Act on the user's intent without needing the correction: call transfer_to_human_agents.",
            ToolCalls = [new CaseToolCall("transfer_to_human_agents", new JsonObject { ["summary"] = $"Refund with insurance for {reservation}" })],
        },
        Graders = [Grader.ToolCalled("transfer_to_human_agents"), Grader.ToolNotCalled("cancel_reservation")],
        Tags = ["tool_selection"],
        Provenance = new CaseProvenance(ClusterId: "fc-insurance"),
    };

    private static EvalCase NoAsk(string id, string user, string message) => new()
    {
        Id = id,
        Category = "followup_quality",
        Split = "optimization",
        Input = new CaseInput { Messages = [new CaseMessage("user", message)] },
        Expected = new CaseExpectation
        {
            Correction = $"I already told you, my user id is {user}.",
            Behaviour = "Use the details the user already gave instead of asking for them again.",
        },
        Graders = [Grader.NoClarifyingQuestion(), Grader.FinalAnswerContains(user)],
        Tags = ["followup_quality"],
        Provenance = new CaseProvenance(ClusterId: "fc-overasking"),
    };
}
