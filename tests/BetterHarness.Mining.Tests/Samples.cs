using System.Text.Json.Nodes;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.Mining.Tests;

/// <summary>A small complete case for schema, redaction and store tests.</summary>
internal static class Samples
{
    public static EvalCase Case(string userText, string toolArguments = """{"flight":"HAT083"}""", string toolResponse = "ok",
        string? traceId = null, IReadOnlyList<string>? tags = null) => Build(userText, toolArguments, toolResponse, traceId ?? Digests.NewTraceId(), tags);

    private static EvalCase Build(string userText, string toolArguments, string toolResponse, string traceId, IReadOnlyList<string>? tags) => new()
    {
        Id = CaseIds.For(traceId, 1),
        Summary = "User corrected the agent",
        Input = new CaseInput
        {
            SystemInstructions = "Be helpful.",
            Messages =
            [
                new CaseMessage("user", userText),
                new CaseMessage("assistant", "", [new CaseToolCall("book_reservation", JsonNode.Parse(toolArguments))]),
            ],
        },
        Tools = new CaseTools
        {
            Definitions = ["book_reservation"],
            Recorded = [new RecordedResponse(ToolKey.Of("book_reservation", toolArguments), "book_reservation", ToolKey.Canonical(toolArguments), toolResponse, null)],
        },
        Expected = new CaseExpectation
        {
            Correction = "No, I said HAT083", Behaviour = "Book the flight the user named.",
            ToolCalls = [new CaseToolCall("book_reservation", JsonNode.Parse("""{"flight":"HAT083"}"""))],
        },
        Graders = [Grader.ToolCalled("book_reservation", new JsonObject { ["flight"] = "HAT083" }), Grader.ToolNotCalled("cancel_reservation"),
            Grader.ToolOrder(["search_flights", "book_reservation"]), Grader.NoClarifyingQuestion(), Grader.FinalAnswerContains("HAT083"),
            new Grader(GraderTypes.FinalAnswerMatches, Pattern: "HAT0\\d+"), Grader.LlmJudge("Pass if the flight is HAT083.")],
        Tags = tags ?? ["tool_arguments"],
        Provenance = new CaseProvenance([new CaseSource(traceId, 1, "0123456789abcdef", "conv-1", CaseDraft.UserCorrection)],
            "clu_7", [new DetectorScore("0123456789abcdef", 0.93)], new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero)),
    };
}
