using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Tests.Optimization;

public sealed class HarnessChangeApplierTests
{
    private static readonly Fixture Airline = Fixture.Airline();

    private static (Domain.Harnesses.HarnessDocument? Harness, string? Error) Apply(string kind, string target, string text) =>
        HarnessChangeApplier.Apply(Airline.Harness, new HarnessChange(kind, target, text, "r"),
            [.. Airline.Harness.Tools, Fixture.Tool("get_user_details", "Read a user.")]);

    [Fact]
    public void Adds_edits_and_removes_instructions()
    {
        Assert.EndsWith("concise.\n\nConfirm first.", Apply(ChangeKinds.AddInstruction, "", "Confirm first.").Harness!.Instructions);
        Assert.Equal("You are an airline customer service agent. Be brief.",
            Apply(ChangeKinds.EditInstruction, "Be polite and concise.", "Be brief.").Harness!.Instructions);
        Assert.Equal("You are an airline customer service agent.",
            Apply(ChangeKinds.RemoveInstruction, "Be polite and concise.", "").Harness!.Instructions);
    }

    [Fact]
    public void Edits_tool_descriptions_and_adjusts_the_tool_set_from_the_catalog()
    {
        Assert.Equal("Hand over.", Apply(ChangeKinds.EditToolDescription, Fixture.Refund, "Hand over.").Harness!.Tools[0].Description);
        Assert.DoesNotContain(Apply(ChangeKinds.RemoveTool, Fixture.Refund, "").Harness!.Tools, t => t.Name == Fixture.Refund);
        Assert.Contains(Apply(ChangeKinds.AddTool, "get_user_details", "").Harness!.Tools, t => t.Name == "get_user_details");
    }

    [Theory]
    [InlineData(ChangeKinds.EditInstruction, "not in the text", "x", "does not occur")]
    [InlineData(ChangeKinds.EditToolDescription, "no_such_tool", "x", "no tool 'no_such_tool'")]
    [InlineData(ChangeKinds.AddTool, "book_spaceship", "", "not in the agent's tool catalog")]
    [InlineData(ChangeKinds.AddTool, Fixture.Refund, "", "already in the tool set")]
    [InlineData("rewrite_everything", "", "x", "unknown change kind")]
    [InlineData(ChangeKinds.AddInstruction, "", " ", "needs a text")]
    public void Says_why_a_change_cannot_be_applied(string kind, string target, string text, string error)
    {
        var (harness, message) = Apply(kind, target, text);
        Assert.Null(harness);
        Assert.Contains(error, message);
    }
}
