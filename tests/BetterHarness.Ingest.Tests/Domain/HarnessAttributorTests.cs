using BetterHarness.Ingest.Domain.Harnesses;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain;

public sealed class HarnessAttributorTests
{
    private const string V1 = """
        You are an airline customer service agent. Today is 2026-12-07.
        Before taking any action that updates the booking database, list the action details and obtain explicit user confirmation.
        You should only make one tool call at a time, and if you make a tool call, you should not respond to the user simultaneously.
        Deny requests that are against this policy. Transfer the user to a human agent only if the request cannot be handled within the scope of your actions.
        """;
    private const string V2Sentence = "\nWhen a user asks to change the cabin, check every flight of the reservation first.";
    private static readonly ToolSpec[] Tools =
    [
        new("get_reservation_details", "Get the details of a reservation.", """{"type":"object","properties":{"reservation_id":{"type":"string"}}}"""),
        new("update_reservation_flights", "Update the flight information of a reservation.", """{"properties":{"cabin":{"type":"string"}},"type":"object"}"""),
    ];

    private static readonly KnownHarnessVersion[] Versions =
    [
        new("airline", 1, HarnessContent.Of(V1, Tools)),
        new("airline", 2, HarnessContent.Of(V1 + V2Sentence, Tools)),
    ];

    private readonly HarnessAttributor _attributor = new();

    [Fact]
    public void A_declared_version_the_agent_has_is_taken_as_it_is_in_every_accepted_spelling()
    {
        foreach (var declared in new[] { "2", "v2", "hv_airline_v2" })
            Assert.Equal(new HarnessAttribution(2, HarnessAttribution.Attribute, null, null), _attributor.Attribute(declared, "unrelated", [], Versions));
    }

    [Fact]
    public void A_declared_version_the_agent_does_not_have_falls_back_to_content()
    {
        var result = _attributor.Attribute("1.0.0", V1, Tools, Versions);
        Assert.Equal((1, HarnessAttribution.Content, 1.0), (result.Version, result.Kind, result.Similarity));
        Assert.Equal(HarnessAttribution.Content, _attributor.Attribute("7", V1 + V2Sentence, Tools, Versions).Kind);
    }

    [Fact]
    public void Exact_content_matches_whatever_the_line_endings_tool_order_and_schema_key_order()
    {
        var reordered = new[] { Tools[1] with { Parameters = """{ "type": "object", "properties": { "cabin": { "type": "string" } } }""" }, Tools[0] };
        var result = _attributor.Attribute(null, (V1 + V2Sentence).Replace("\n", "\r\n"), reordered, Versions);
        Assert.Equal(new HarnessAttribution(2, HarnessAttribution.Content, 1.0, Versions[1].Content.Fingerprint), result);
    }

    [Fact]
    public void A_templated_detail_near_matches_and_the_one_sentence_between_versions_decides_which()
    {
        var v1Tomorrow = _attributor.Attribute(null, V1.Replace("2026-12-07", "2026-12-08"), Tools, Versions);
        var v2Tomorrow = _attributor.Attribute(null, (V1 + V2Sentence).Replace("2026-12-07", "2026-12-08"), Tools, Versions);
        Assert.Equal((1, HarnessAttribution.Content), (v1Tomorrow.Version, v1Tomorrow.Kind));
        Assert.Equal((2, HarnessAttribution.Content), (v2Tomorrow.Version, v2Tomorrow.Kind));
        Assert.InRange(v1Tomorrow.Similarity!.Value, HarnessAttributor.DefaultNearMatchThreshold, 0.9999);
    }

    [Fact]
    public void Content_between_two_versions_or_far_from_all_is_unknown_never_a_guess()
    {
        // Half of v2's added sentence: holds neither clearly.
        var between = V1 + "\nWhen a user asks to change the cabin, check";
        Assert.Equal(HarnessAttribution.Unknown, _attributor.Attribute(null, between, Tools, Versions).Kind);
        var other = _attributor.Attribute(null, "You are a helpful pizza ordering bot.", [new("order_pizza", "Orders a pizza.", null)], Versions);
        Assert.Equal(new HarnessAttribution(null, HarnessAttribution.Unknown, null, other.Fingerprint), other);
        Assert.NotNull(other.Fingerprint);
        Assert.Equal(HarnessAttribution.Unknown, _attributor.Attribute(null, null, [], Versions).Kind);
    }

    [Fact]
    public void Two_versions_with_the_same_content_leave_their_traces_unknown()
    {
        KnownHarnessVersion[] twins = [.. Versions, new("airline", 3, HarnessContent.Of(V1, Tools))];
        Assert.Equal(HarnessAttribution.Unknown, _attributor.Attribute(null, V1, Tools, twins).Kind);
    }

    [Fact]
    public void Without_known_versions_a_trace_is_unknown_but_keeps_its_fingerprint_for_a_version_learned_later()
    {
        var result = _attributor.Attribute("2", V1, Tools, []);
        Assert.Equal(new HarnessAttribution(null, HarnessAttribution.Unknown, null, Versions[0].Content.Fingerprint), result);
    }
}
