namespace BetterHarness.Models;

/// <summary>
/// Models the services can use, by name (eval runs, the judge, the clustering analyst): section
/// <c>BetterHarness:Models:NAME</c>. In the optimizer a model named <c>simulated</c> (Kind=simulated) always exists.
/// </summary>
public sealed class ModelCatalogOptions
{
    public const string Section = "BetterHarness";

    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
