using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.History;
using BetterHarness.Curation.Domain.Import;

namespace BetterHarness.Curation.Tests.Domain;

public sealed class CaseDocumentTests
{
    [Fact]
    public void Edits_merge_expected_replace_graders_and_tags_and_leave_the_rest()
    {
        var content = CaseDocument.Content(Candidates.Make("a", ["tool_selection"]));
        var edits = CaseEdits.Parse((JsonObject)JsonNode.Parse("""
            {"expected": {"behaviour": "Book it.", "correction": null}, "graders": [{"type": "tool_not_called", "tool": "get_flight"}], "tags": ["multi_step"]}
            """)!);

        var edited = edits.ApplyTo(content);

        Assert.Equal("Book it.", (string)edited["expected"]!["behaviour"]!);
        Assert.Null(edited["expected"]!["correction"]);
        Assert.NotNull(edited["expected"]!["toolCalls"]);
        Assert.Equal("tool_not_called", (string)edited["graders"]![0]!["type"]!);
        Assert.Equal(["multi_step"], CaseDocument.Tags(edited));
        Assert.True(JsonNode.DeepEquals(content["input"], edited["input"]));
        Assert.Equal("Economy, I already said that.", (string)content["expected"]!["correction"]!);   // the original is untouched
    }

    [Theory]
    [InlineData("""{"graders": [{"type": "final_answer_matches", "pattern": "("}]}""", "not a .NET regex")]
    [InlineData("""{"graders": [{"type": "tool_order"}]}""", "tools")]
    [InlineData("""{"tags": ["has space"]}""", "tag")]
    [InlineData("""{"category": ""}""", "category")]
    [InlineData("""{"expected": {"toolCalls": [{}]}}""", "toolCalls[0]")]
    public void Bad_edits_say_what_is_wrong(string body, string expected)
    {
        var error = Assert.Throws<CaseFormatException>(() => CaseEdits.Parse((JsonObject)JsonNode.Parse(body)!));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_diff_names_each_changed_field()
    {
        var before = (JsonObject)JsonNode.Parse("""{"a": 1, "b": {"c": "x", "d": [1, 2]}, "e": true}""")!;
        var after = (JsonObject)JsonNode.Parse("""{"a": 1, "b": {"c": "y", "d": [1, 2, 3]}, "f": null}""")!;

        var changes = JsonDiff.Compare(before, after);

        Assert.Equal(["$.b.c", "$.b.d[2]", "$.e"], changes.Select(c => c.Path));
        Assert.Equal("y", (string)changes[0].After!);
        Assert.Null(changes[1].Before);
    }

    [Fact]
    public void An_import_line_without_an_id_gets_one_from_its_content()
    {
        var line = Candidates.ImportLine("a", "tool_selection");
        line.Remove("id");
        var first = CaseLine.Parse(line.ToJsonString(), null);
        var second = CaseLine.Parse(line.ToJsonString(), null);
        Assert.StartsWith("case_", first.Id);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("a", first.Agent);
        Assert.Null(first.Content["category"]);
    }
}
