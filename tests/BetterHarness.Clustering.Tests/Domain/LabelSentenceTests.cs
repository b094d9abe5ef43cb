using BetterHarness.Clustering.Domain.Labels;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Tests.Domain;

public sealed class LabelSentenceTests
{
    [Fact]
    public void A_signature_text_reads_back_into_the_parts_it_was_written_from()
    {
        var signature = SignatureBuilder.Build(new TraceDigest
        {
            TraceId = Digests.NewTraceId(), Revision = 1, StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch,
            Failed = true, Corrected = true, AgentName = "airline",
            Signals =
            [
                new DigestSignal(SignalKinds.ToolFailure, "s1", "update_reservation_flights: Error: not enough seats on flight HAT123", "ToolError"),
                new DigestSignal(SignalKinds.UserCorrection, null, "no, I wanted business"),
            ],
            Messages =
            [
                new DigestMessage("user", "Please change my cabin to business", null),
                new DigestMessage("assistant", "", "s1", [new DigestToolRequest("update_reservation_flights", "{}", "c1")]),
                new DigestMessage("assistant", "I could not update the flights, there are not enough seats.", "s2"),
                new DigestMessage("user", "No, I wanted business on the same flight.", null),
            ],
            ToolCalls = [new DigestToolCall("update_reservation_flights", "{}", null, "not enough seats", "s1", "c1")],
        });

        var parsed = SignatureText.Parse("root cause: the agent ignored the cabin\n" + signature.Text);

        Assert.Equal(signature.Text, parsed.Signature.Text);
        Assert.Equal("the agent ignored the cabin", parsed.RootCause);
        Assert.Equal(["update_reservation_flights"], parsed.Signature.ActedOn!);
        Assert.Equal(signature.Move, parsed.Signature.Move);
    }

    [Fact]
    public void A_tool_failure_cluster_names_the_tool_what_the_user_did_before_and_the_error()
    {
        var members = Members(3, i => Signature(SignalKinds.ToolFailure, "acted", ["update_reservation_flights"],
            tools: ["update_reservation_flights", "get_reservation_details"],
            error: $"update_reservation_flights: error: not enough seats on flight <id> | attempt {i}",
            reaction: "yes, please proceed with the change"));

        var sentence = LabelSentence.Of(members, SignalKinds.ToolFailure, []);

        Assert.Equal("update_reservation_flights fails after the user confirms: not enough seats on flight", sentence);
    }

    [Fact]
    public void A_feedback_cluster_says_what_the_agent_did_how_the_user_reacted_and_that_it_was_rated_down()
    {
        var members = Members(4, _ => Signature(SignalKinds.NegativeFeedback, "acted", ["cancel_reservation"],
            reaction: "yes, go ahead and cancel it"));

        Assert.Equal("The agent calls cancel_reservation after the user confirms (rated down)",
            LabelSentence.Of(members, SignalKinds.NegativeFeedback, []));
    }

    [Fact]
    public void A_part_only_some_members_share_is_left_out()
    {
        // Three different tools and three different reactions: none holds for half the cluster.
        string[] tools = ["cancel_reservation", "book_reservation", "update_reservation_baggages"];
        string[] reactions = ["yes, please proceed", "is there a supervisor I can speak to?", "what about my refund"];
        var members = Members(3, i => Signature(SignalKinds.NegativeFeedback, "acted", [tools[i]], reaction: reactions[i]));

        var sentence = LabelSentence.Of(members, SignalKinds.NegativeFeedback, ["refund", "baggage"]);

        Assert.Equal("The agent acts on the request when the user asks about refund and baggage (rated down)", sentence);
        Assert.DoesNotContain(tools, t => sentence.Contains(t));
        Assert.Equal("The agent acts on the request (rated down)", LabelSentence.Of(members, SignalKinds.NegativeFeedback, ["refund"]));
    }

    [Fact]
    public void The_majority_is_weighted_by_the_failures_that_share_a_signature()
    {
        List<LabelSentence.Member> members =
        [
            new(SignatureText.Parse(Signature(SignalKinds.UserCorrection, "transferred", ["transfer_to_human_agents"], reaction: "let me talk to a manager").Text), 5),
            new(SignatureText.Parse(Signature(SignalKinds.UserCorrection, "refused", [], reaction: "ok").Text), 1),
            new(SignatureText.Parse(Signature(SignalKinds.UserCorrection, "asked", [], reaction: "ok").Text), 1),
        ];

        Assert.Equal("The agent hands the user over to a human after the user asks for a human (corrected by the user)",
            LabelSentence.Of(members, SignalKinds.UserCorrection, []));
    }

    [Fact]
    public void The_analysts_statement_for_the_member_closest_to_the_centre_is_the_sentence_when_there_is_one()
    {
        var plain = Signature(SignalKinds.NegativeFeedback, "acted", ["cancel_reservation"]).Text;
        List<LabelSentence.Member> members =
        [
            new(SignatureText.Parse(plain), 9),
            new(SignatureText.Parse(RootCauseText("the agent cancelled a basic economy booking the policy forbids.", plain)), 1),
            new(SignatureText.Parse(RootCauseText("something else", plain)), 1),
        ];

        Assert.Equal("The agent cancelled a basic economy booking the policy forbids", LabelSentence.Of(members, SignalKinds.NegativeFeedback, []));
    }

    [Fact]
    public void Clusters_with_the_same_sentence_are_told_apart_by_a_term_and_keep_their_terms()
    {
        var error = "computer_terminal: code execution failed | exitcode: <num>";
        var csv = Signature(SignalKinds.ToolFailure, "answered", [], tools: ["Computer_terminal"], error: error + " read_csv csv_file missing dataset").Text;
        var web = Signature(SignalKinds.ToolFailure, "answered", [], tools: ["Computer_terminal"], error: error + " requests timeout webpage").Text;
        List<LabelInput> inputs =
        [
            new(0, csv, SignalKinds.ToolFailure, 3), new(0, csv + "\nagent: a", SignalKinds.ToolFailure, 2),
            new(1, web, SignalKinds.ToolFailure, 3), new(1, web + "\nagent: b", SignalKinds.ToolFailure, 2),
        ];

        var labels = ClusterLabeler.Label(inputs, 2);

        Assert.StartsWith("Computer_terminal fails: code execution failed (", labels[0].Text);
        Assert.NotEqual(labels[0].Text, labels[1].Text);
        Assert.NotEmpty(labels[0].Terms);
        Assert.Equal(SignalKinds.ToolFailure, labels[0].DominantKind);
        Assert.Equal($"{SignalKinds.ToolFailure}: {string.Join(", ", labels[0].Terms)}", labels[0].Keywords);
    }

    private static string RootCauseText(string statement, string signature) =>
        BetterHarness.Clustering.Domain.Analysis.RootCause.ClusteringText(statement, signature);

    private static List<LabelSentence.Member> Members(int count, Func<int, FailureSignature> signature) =>
        [.. Enumerable.Range(0, count).Select(i => new LabelSentence.Member(SignatureText.Parse(signature(i).Text), 1))];

    private static FailureSignature Signature(string kind, string move, IReadOnlyList<string> actedOn, IReadOnlyList<string>? tools = null,
        string error = "", string reaction = "") =>
        new([kind], [], error, tools ?? actedOn, "agent output", "i need help with my booking", "airline", move, actedOn, reaction);
}
