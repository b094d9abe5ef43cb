using System.Text.Json.Serialization;

namespace BetterHarness.EvalCases.Cases;

/// <summary>
/// An eval case in the public schema <see cref="SchemaVersion"/> (docs/eval-case-schema.md). Fields are only
/// added within a version. The optional curation fields (<see cref="Agent"/>, <see cref="Category"/>,
/// <see cref="Split"/>, <see cref="MustPass"/>, <see cref="Revision"/>) are present on cases read from the eval
/// store and absent on mining's candidates.
/// </summary>
public sealed record EvalCase
{
    public const string SchemaVersion = "betterharness.eval-case/v1";

    public string Schema { get; init; } = SchemaVersion;
    public required string Id { get; init; }
    public string Status { get; init; } = CaseStatus.Proposed;
    public string Summary { get; init; } = "";
    public required CaseInput Input { get; init; }
    public CaseTools Tools { get; init; } = new();
    public CaseExpectation Expected { get; init; } = new();
    public IReadOnlyList<Grader> Graders { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public CaseProvenance? Provenance { get; init; }
    public int SupportCount { get; init; } = 1;

    /// <summary>Agent (service) the case belongs to, from the eval store.</summary>
    public string? Agent { get; init; }
    /// <summary>Primary behaviour category (the stratum of the split), from the eval store.</summary>
    public string? Category { get; init; }
    /// <summary><c>optimization</c> or <c>holdout</c>, from the eval store.</summary>
    public string? Split { get; init; }
    /// <summary>Member of the must-pass regression subset, from the eval store.</summary>
    public bool? MustPass { get; init; }
    /// <summary>Revision of the case in the eval store.</summary>
    public int? Revision { get; init; }

    /// <summary>The category a report groups this case under: its primary category, else its first tag.</summary>
    /// <remarks>Derived, so never written: the JSON form holds only schema fields.</remarks>
    [JsonIgnore]
    public string CategoryOrFirstTag => Category ?? (Tags.Count > 0 ? Tags[0] : "uncategorised");
}
