using Microsoft.AspNetCore.Mvc;

namespace BetterHarness.Web.Pages.Review;

/// <summary>The queue's filters, bound from the query string and carried through every form so a decision returns to the same list.</summary>
public sealed class ReviewFilter
{
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "tag")] public string? Tag { get; set; }
    [FromQuery(Name = "category")] public string? Category { get; set; }
    [FromQuery(Name = "cluster")] public string? Cluster { get; set; }
    [FromQuery(Name = "agent")] public string? Agent { get; set; }
    [FromQuery(Name = "minSupport")] public int? MinSupport { get; set; }
    [FromQuery(Name = "trace")] public string? Trace { get; set; }
    /// <summary><c>oldest</c> (default) or <c>uncertain</c>: what would teach the agent's correction detector most first.</summary>
    [FromQuery(Name = "order")] public string? Order { get; set; }

    public static readonly string[] Statuses = ["pending", "accepted", "rejected", "superseded", "withdrawn", "all"];

    public static readonly (string Value, string Title)[] Orders =
        [("oldest", "oldest first"), ("uncertain", "teaches the detector most (score near its threshold) first")];

    public static readonly string[] KnownTags =
        ["tool_selection", "tool_arguments", "multi_step", "followup_quality", "instruction_following", "error_recovery", "factuality"];

    public Dictionary<string, string?> RouteValues(string? id = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["status"] = Status, ["tag"] = Tag, ["category"] = Category, ["cluster"] = Cluster, ["agent"] = Agent,
            ["minSupport"] = MinSupport?.ToString(), ["order"] = Order, ["id"] = id,
        };
        return values.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    /// <summary>Where a decision form posts: the same list, the named handler.</summary>
    public string Action(string handler) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Url(), "handler", handler);

    public string Url(string? id = null) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/review", RouteValues(id));
}
