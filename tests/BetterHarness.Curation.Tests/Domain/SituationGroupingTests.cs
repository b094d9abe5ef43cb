using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Splits;

namespace BetterHarness.Curation.Tests.Domain;

public sealed class SituationGroupingTests
{
    private static readonly float[] X = [1, 0, 0];
    private static readonly float[] Y = [0, 1, 0];
    private static readonly float[] Z = [0, 0, 1];

    private static StoredSituation Stored(string id, string group, string split, float[] vector, string? entity = null, string? trace = null) =>
        new(id, "tool_selection", group, split, Keys(entity, trace), vector);

    private static SituationKeys Keys(string? entity = null, string? trace = null, string? action = null) =>
        new(trace is null ? [] : ["trace:" + trace], action, entity is null ? [] : [SituationKeys.EntityPrefix + entity]);

    [Fact]
    public void A_case_linked_to_nothing_starts_a_group()
    {
        Assert.Null(SituationGrouping.Place(Keys("acct_1"), X, [Stored("a", "a", SplitNames.Optimization, Y, "acct_2")], 0.8));
    }

    [Fact]
    public void A_case_linking_two_groups_of_one_side_merges_them_whatever_order_they_came_in()
    {
        // A and C arrived first and share nothing; B names A's account and reads like C: A, B and C are one situation.
        var stored = new[] { Stored("a", "a", SplitNames.Optimization, X, "acct_1"), Stored("c", "c", SplitNames.Optimization, Y) };
        var placement = SituationGrouping.Place(Keys("acct_1"), Y, stored, 0.8)!;
        Assert.Equal(SplitNames.Optimization, placement.Split);
        Assert.Equal("a", placement.GroupId);
        Assert.Equal(SituationGrouping.Entity, placement.Link);
        Assert.Equal(["c"], placement.Merged);
        Assert.Empty(placement.Bridged);
    }

    [Fact]
    public void A_bridge_between_sides_takes_the_side_of_its_strongest_link_and_moves_no_case()
    {
        var stored = new[]
        {
            Stored("a", "a", SplitNames.Holdout, X, trace: "t1"),
            Stored("c", "c", SplitNames.Optimization, Y, "acct_1"),
            Stored("d", "d", SplitNames.Optimization, Z, "acct_1"),
        };
        // The same conversation outranks two identifier links on the other side.
        var placement = SituationGrouping.Place(Keys("acct_1", "t1"), Y, stored, 0.8)!;
        Assert.Equal(SplitNames.Holdout, placement.Split);
        Assert.Equal("a", placement.GroupId);
        Assert.Empty(placement.Merged);
        Assert.Equal(["c", "d"], placement.Bridged);
    }

    [Fact]
    public void Between_links_of_one_kind_the_side_with_more_linked_cases_wins()
    {
        var stored = new[]
        {
            Stored("a", "a", SplitNames.Holdout, X, "acct_1"),
            Stored("c", "c", SplitNames.Optimization, Y, "acct_1"),
            Stored("d", "c", SplitNames.Optimization, Z, "acct_1"),
        };
        var placement = SituationGrouping.Place(Keys("acct_1"), X, stored, 0.8)!;
        Assert.Equal(SplitNames.Optimization, placement.Split);
        Assert.Equal(["a"], placement.Bridged);
    }

    [Fact]
    public void Identifiers_are_tokens_mixing_letters_and_digits()
    {
        var entities = SituationKeys.EntitiesIn(["My user id is Mia_Li_3668, booking PEP4E0 and HXDUBJ, card 7447, on 2024-05-20, 20th May, ORD-20931A, at JFK, Hello."]);
        Assert.Equal(["entity:hxdubj", "entity:mia_li_3668", "entity:ord-20931a", "entity:pep4e0"], entities);
    }

    [Fact]
    public void Stored_keys_read_back_into_sources_and_identifiers()
    {
        var keys = Keys("acct_1", "t1", "cluster | call");
        var back = SituationKeys.FromStored(keys.StoredKeys, keys.Action);
        Assert.Equal(keys.Sources, back.Sources);
        Assert.Equal(keys.Entities, back.Entities);
    }
}
