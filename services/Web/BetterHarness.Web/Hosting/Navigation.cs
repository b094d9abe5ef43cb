namespace BetterHarness.Web.Hosting;

/// <summary>The top navigation, in order. A new area adds one line here (see README: adding a page).</summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("Overview", "/"),
        new("Clusters", "/clusters"),
        new("Traces", "/traces"),
        new("Production", "/production"),
        new("Harness", "/harness"),
        new("Runs", "/runs"),
        new("Optimisations", "/optimizations"),
        new("Review", "/review"),
        new("Evals", "/evals"),
        new("Detector", "/detector"),
        new("Audit", "/audit"),
    ];
}

/// <summary>A navigation link; <see cref="Path"/> also marks the item current for every page below it.</summary>
public sealed record NavItem(string Title, string Path)
{
    public bool IsCurrent(string requestPath) => Path == "/"
        ? requestPath == "/"
        : requestPath.Equals(Path, StringComparison.OrdinalIgnoreCase) || requestPath.StartsWith(Path + "/", StringComparison.OrdinalIgnoreCase);
}
