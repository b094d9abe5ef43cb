using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Tests.Cases;

/// <summary>
/// The JSON of a mined case, byte for byte: the candidate export, <c>GET /api/candidates/{id}</c> and the case
/// carried to curation all serialize this, so the public schema (docs/eval-case-schema.md) must not drift.
/// </summary>
public sealed class CaseJsonGoldenTests
{
    [Fact]
    public void A_mined_case_serializes_exactly_as_the_public_schema_documents()
    {
        var digest = new TraceDigest
        {
            TraceId = "0123456789abcdef0123456789abcdef", Revision = 2, ServiceName = "airline", ConversationId = "conv-1",
            StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch.AddMinutes(1), Failed = true, Corrected = true,
            Signals = [new DigestSignal(SignalKinds.ToolFailure, "s3", "boom")], SystemInstructions = "You are an airline agent.",
            AvailableTools = ["search_flights", "book_reservation"],
            Messages =
            [
                new("user", "Book HAT083 for me, 2 bags.", "s1"),
                new("assistant", "", "s2", [new DigestToolRequest("book_reservation", """{"flight":"HAT038","bags":2}""", "c1")]),
                new("assistant", "Booked HAT038. Anything else?", "s4"),
                new("user", "No, I said HAT083, not HAT038.", "s5"),
                new("assistant", "", "s6", [new DigestToolRequest("book_reservation", """{"bags":2,"flight":"HAT083"}""", "c2")]),
                new("assistant", "Booked HAT083.", "s7"),
            ],
            ToolCalls =
            [
                new DigestToolCall("book_reservation", """{"flight":"HAT038","bags":2}""", null, "no seats", "s3", "c1"),
                new DigestToolCall("book_reservation", """{"bags":2,"flight":"HAT083"}""", "{\"id\":\"R1\"}", null, "s8", "c2"),
            ],
        };
        var clock = new FixedClock();
        var conversation = new Conversation(digest);
        var pairs = conversation.ReplyPairs();
        var verdicts = new FixedDetector("no, i said").Classify(pairs.Select(p => new Domain.Detection.CorrectionPair(digest.Messages[p.Assistant].Content, digest.Messages[p.User].Content)).ToList());
        var evalCase = new CaseBuilder(clock).Build(digest, pairs.Select((p, i) => new TurnVerdict(p.User, p.Assistant, verdicts[i])).ToList(), "clu_1")!;

        var json = EvalCaseJson.Serialize(evalCase);

        Assert.Equal(Golden, json);
    }

    private const string Golden = """
        {"schema":"betterharness.eval-case/v1","id":"cand_bfc405f3e198b3f11193c0139aaefed0","status":"proposed","summary":"User corrected the agent: \u0022No, I said HAT083, not HAT038.\u0022 \u2192 expects book_reservation [error_recovery, followup_quality, instruction_following, tool_arguments]","input":{"systemInstructions":"You are an airline agent.","messages":[{"role":"user","content":"Book HAT083 for me, 2 bags."}]},"tools":{"definitions":["search_flights","book_reservation"],"recorded":[{"key":"book_reservation {\u0022bags\u0022:2,\u0022flight\u0022:\u0022HAT038\u0022}","tool":"book_reservation","arguments":"{\u0022bags\u0022:2,\u0022flight\u0022:\u0022HAT038\u0022}","error":"no seats"},{"key":"book_reservation {\u0022bags\u0022:2,\u0022flight\u0022:\u0022HAT083\u0022}","tool":"book_reservation","arguments":"{\u0022bags\u0022:2,\u0022flight\u0022:\u0022HAT083\u0022}","response":"{\u0022id\u0022:\u0022R1\u0022}"}],"unrecordedResponse":"{\u0022error\u0022:\u0022unrecorded_call\u0022,\u0022message\u0022:\u0022No response was recorded for this tool and these arguments in the source trace.\u0022}"},"expected":{"correction":"No, I said HAT083, not HAT038.","behaviour":"Act on the user\u0027s intent without needing the correction: call book_reservation.","toolCalls":[{"name":"book_reservation","arguments":{"bags":2,"flight":"HAT083"}}]},"graders":[{"type":"tool_called","tool":"book_reservation","arguments":{"bags":2,"flight":"HAT083"}},{"type":"llm_judge","rubric":"The user had to correct the agent: \u0022No, I said HAT083, not HAT038.\u0022. Pass if the agent\u0027s response already satisfies this correction and does not repeat the corrected behaviour (\u0022Booked HAT038. Anything else?\u0022)."}],"tags":["error_recovery","followup_quality","instruction_following","tool_arguments"],"provenance":{"sources":[{"traceId":"0123456789abcdef0123456789abcdef","revision":2,"spanId":"s5","conversationId":"conv-1","reason":"user_correction"}],"clusterId":"clu_1","detectorScores":[{"spanId":"s5","score":0.95}],"createdAt":"2026-01-02T03:04:05+00:00"},"supportCount":1,"agent":"airline"}
        """;

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    }
}
