using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.Mining.Tests.Cases;

public sealed class ToolReplayTests
{
    private static readonly IReadOnlyList<RecordedResponse> Recorded = ToolRecording.Record(
    [
        new DigestToolCall("search_flights", """{"origin":"JFK","destination":"SEA","date":"2024-05-20"}""", "[HAT069, HAT083]", null, "s1", "c1"),
        new DigestToolCall("book_reservation", """{"flight":"HAT000"}""", null, "flight HAT000 does not exist", "s2", "c2"),
        new DigestToolCall("search_flights", """{"origin":"JFK","destination":"SEA","date":"2024-05-20"}""", "[later answer]", null, "s3", "c3"),
    ]);

    private static readonly ToolReplay Replay = new(new CaseTools { Recorded = Recorded });

    [Fact]
    public void Replays_the_recorded_response_whatever_the_argument_order_and_spacing()
    {
        var answer = Replay.Answer("search_flights", """{ "date": "2024-05-20", "destination": "SEA", "origin": "JFK" }""").Content;

        Assert.Equal("[HAT069, HAT083]", answer);
    }

    [Fact]
    public void Replays_a_recorded_error_as_the_tool_answer()
    {
        Assert.Equal("flight HAT000 does not exist", Replay.Answer("book_reservation", """{"flight":"HAT000"}""").Content);
    }

    [Fact]
    public void Unrecorded_call_gets_the_documented_unrecorded_response()
    {
        Assert.Equal(ToolKey.UnrecordedResponse, Replay.Answer("search_flights", """{"origin":"JFK","destination":"LAX","date":"2024-05-20"}""").Content);
        Assert.Equal(ToolKey.UnrecordedResponse, Replay.Answer("cancel_reservation", "{}").Content);
    }

    [Fact]
    public void Keeps_the_first_response_for_a_repeated_call_because_that_is_what_the_agent_saw()
    {
        Assert.Equal(2, Recorded.Count);
        Assert.Equal("search_flights {\"date\":\"2024-05-20\",\"destination\":\"SEA\",\"origin\":\"JFK\"}", Recorded[0].Key);
    }

    [Fact]
    public void Case_records_every_tool_execution_of_the_trace()
    {
        var digest = Digests.Digest([Digests.User("Book HAT083"), Digests.Agent("Done."), Digests.User("No, I said HAT069")],
            executions: [new DigestToolCall("book_reservation", """{"flight":"HAT083"}""", "confirmed", null, "s1", "c1")]);
        var evalCase = new CaseBuilder(TimeProvider.System).Build(digest,
            [new TurnVerdict(2, 1, new Domain.Detection.CorrectionVerdict(true, 0.9))], null)!;

        var recorded = Assert.Single(evalCase.Tools.Recorded);
        Assert.Equal("confirmed", recorded.Response);
        Assert.Contains("book_reservation", evalCase.Tools.Definitions);
        Assert.Equal(ToolKey.UnrecordedResponse, evalCase.Tools.UnrecordedResponse);
    }
}
