using BetterHarness.Contracts;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Harnesses.Storage;

/// <summary>The <see cref="HarnessVersionCreated"/> fact for a stored version: what traces show of it.</summary>
public static class HarnessAnnouncement
{
    public static HarnessVersionCreated Of(string agent, int version, HarnessDocument document, DateTimeOffset createdAt) => new()
    {
        Agent = agent,
        Version = version,
        Instructions = document.Instructions,
        Tools = [.. document.Tools.Select(t => new HarnessToolDefinition(t.Name, t.Description, t.Parameters.GetRawText()))],
        CreatedAt = createdAt,
    };
}
