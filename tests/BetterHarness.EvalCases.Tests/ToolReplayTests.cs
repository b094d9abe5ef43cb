using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.EvalCases.Tests;

public sealed class ToolReplayTests
{
    private static readonly CaseTools Tools = new()
    {
        Recorded =
        [
            new RecordedResponse("get_user {\"id\":\"u1\"}", "get_user", "{\"id\":\"u1\"}", Response: "{\"name\":\"Ann\"}"),
            new RecordedResponse("book {\"a\":1,\"b\":2}", "book", "{\"b\":2,\"a\":1}", Error: "seat taken"),
            new RecordedResponse("get_user {\"id\":\"u1\"}", "get_user", "{\"id\":\"u1\"}", Response: "second execution"),
        ],
    };

    [Fact]
    public void Answers_a_call_by_its_canonical_key_whatever_the_key_order_and_spacing()
    {
        var replay = new ToolReplay(Tools);
        var answer = replay.Answer("get_user", "{ \"id\" : \"u1\" }");
        Assert.Equal(new ReplayAnswer("{\"name\":\"Ann\"}", true, false), answer);
    }

    [Fact]
    public void Answers_the_recorded_error_when_production_saw_one()
    {
        var answer = new ToolReplay(Tools).Answer("book", "{\"a\":1,\"b\":2}");
        Assert.Equal("seat taken", answer.Content);
        Assert.True(answer.IsError);
    }

    [Fact]
    public void Answers_the_documented_unrecorded_response_for_a_call_production_never_made()
    {
        var answer = new ToolReplay(Tools).Answer("get_user", "{\"id\":\"u2\"}");
        Assert.False(answer.Recorded);
        Assert.Equal(ToolKey.UnrecordedResponse, answer.Content);
    }

    [Fact]
    public void Canonical_arguments_sort_nested_keys_and_keep_non_json_text()
    {
        Assert.Equal("{\"a\":{\"x\":1,\"y\":[{\"m\":1,\"n\":2}]},\"b\":true}", ToolKey.Canonical("{\"b\":true,\"a\":{\"y\":[{\"n\":2,\"m\":1}],\"x\":1}}"));
        Assert.Equal("{}", ToolKey.Canonical(""));
        Assert.Equal("plain text", ToolKey.Canonical("  plain text "));
    }
}
