using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Harnesses.Storage;

namespace BetterHarness.Optimizer.Harnesses.Api;

/// <summary>JSON shapes of the harness API (also what the web pages render).</summary>
public static class HarnessViews
{
    public static object Summary(HarnessVersion v, int? current) => new
    {
        harnessId = v.HarnessId, agent = v.Agent, version = v.Version, parent = v.ParentVersion, author = v.Author, reason = v.Reason,
        createdAt = v.CreatedAt, current = current == v.Version, model = v.Document.Model, validatedWith = v.ValidatedWith,
        tools = v.Document.Tools.Count, instructionWords = v.Document.Instructions.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length,
    };

    public static object Full(HarnessVersion v, int? current, HarnessVersion? parent)
    {
        var diff = HarnessDiff.Between(parent?.Document, v.Document);
        return new
        {
            harnessId = v.HarnessId, agent = v.Agent, version = v.Version, parent = v.ParentVersion, author = v.Author, reason = v.Reason,
            createdAt = v.CreatedAt, current = current == v.Version,
            instructions = v.Document.Instructions, tools = v.Document.Tools, model = v.Document.Model, validatedWith = v.ValidatedWith,
            diff = new { against = parent?.Version, added = diff.Added, removed = diff.Removed, unified = diff.Unified, lines = diff.Lines },
        };
    }

    public static object Served(CurrentHarness current) => new
    {
        harnessId = current.Version.HarnessId, agent = current.Version.Agent, version = current.Version.Version,
        instructions = current.Version.Document.Instructions, tools = current.Version.Document.Tools, model = current.Version.Document.Model,
        currentSince = current.ChangedAt,
        // Provenance: {model, simulated} of the optimisation that validated this version; null when none did.
        validatedWith = current.Version.ValidatedWith,
    };
}
