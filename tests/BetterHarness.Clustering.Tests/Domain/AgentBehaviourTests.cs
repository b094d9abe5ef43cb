using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Tests.Domain;

public sealed class AgentBehaviourTests
{
    [Theory]
    [InlineData("transfer_to_human_agents", "I'll transfer you to a colleague.", "transferred")]
    [InlineData("cancel_reservation", "Your reservation ABC123 has been cancelled.", "acted")]
    [InlineData(null, "I'm sorry, but basic economy flights cannot be modified under our policy.", "refused")]
    [InlineData(null, "Could you please provide your user id and the reservation number?", "asked")]
    [InlineData(null, "Your flight departs at 10:00 from gate 12 on Friday.", "answered")]
    public void Reads_the_agents_last_move(string? tool, string output, string move)
    {
        var behaviour = AgentBehaviour.Of(Digest(tool, output));
        Assert.Equal(move, behaviour.Move);
    }

    [Fact]
    public void Read_only_tools_are_not_actions_and_closings_are_not_the_failing_output()
    {
        var digest = Digest("update_reservation_flights", "Your flights have been updated to HAT001.") with
        {
            Messages =
            [
                new DigestMessage("user", "please change my flight", null),
                new DigestMessage("assistant", "", "a1", [new DigestToolRequest("get_reservation_details", "{}", "c1")]),
                new DigestMessage("assistant", "", "a2", [new DigestToolRequest("update_reservation_flights", "{}", "c2")]),
                new DigestMessage("assistant", "Your flights have been updated to HAT001.", "a3"),
                new DigestMessage("user", "No, I wanted the later flight, not that one.", null),
                new DigestMessage("assistant", "You're welcome! Safe travels!", "a4"),
                new DigestMessage("user", "Thanks", null),
            ],
        };

        var behaviour = AgentBehaviour.Of(digest);

        Assert.Equal(new[] { "update_reservation_flights" }, behaviour.ActedOn);
        Assert.Equal("Your flights have been updated to HAT001.", behaviour.FailingOutput);
        Assert.Equal("No, I wanted the later flight, not that one.", behaviour.Reaction);
        Assert.Equal("acted", behaviour.Move);
    }

    [Fact]
    public void Behaviour_features_come_from_the_signature_lines_and_tell_moves_apart()
    {
        var acted = SignatureBuilder.Build(Digest("cancel_reservation", "Your reservation has been cancelled."));
        var handedOver = SignatureBuilder.Build(Digest("transfer_to_human_agents", "I'll transfer you to a colleague."));

        Assert.Contains("move:acted", BehaviourFeatures.Tokens(acted.Text));
        Assert.Contains("acted:cancel_reservation", BehaviourFeatures.Tokens(acted.Text));
        Assert.Contains("kind:negative_feedback", BehaviourFeatures.Tokens(acted.Text));
        Assert.True(Vectors.Dot(BehaviourFeatures.Of(acted.Text), BehaviourFeatures.Of(handedOver.Text)) < 0.6f);
        Assert.Equal(1f, Vectors.Dot(BehaviourFeatures.Of(acted.Text), BehaviourFeatures.Of(acted.Text)), 3);
    }

    private static TraceDigest Digest(string? tool, string output) => new()
    {
        TraceId = Digests.NewTraceId(),
        Revision = 1,
        StartedAt = DateTimeOffset.UnixEpoch,
        CompletedAt = DateTimeOffset.UnixEpoch,
        Failed = true,
        Corrected = false,
        Signals = [new DigestSignal("negative_feedback", null, "api: thumbs_down")],
        Messages =
        [
            new DigestMessage("user", "I need help with my booking", null),
            new DigestMessage("assistant", "", "s1", tool is null ? null : [new DigestToolRequest(tool, "{}", "c1")]),
            new DigestMessage("assistant", output, "s2"),
        ],
        ToolCalls = tool is null ? [] : [new DigestToolCall(tool, "{}", "ok", null, "s1", "c1")],
    };
}
