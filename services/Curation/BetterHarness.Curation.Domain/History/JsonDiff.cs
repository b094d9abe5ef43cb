using System.Text.Json.Nodes;

namespace BetterHarness.Curation.Domain.History;

/// <summary>One changed value between two revisions: its JSON path and the values before and after (null = absent).</summary>
public sealed record FieldChange(string Path, JsonNode? Before, JsonNode? After);

/// <summary>
/// Field-level diff of two case revisions: objects are compared key by key, arrays index by index, so an edit to
/// one grader shows as that grader's changed fields rather than as a rewritten document.
/// </summary>
public static class JsonDiff
{
    public static IReadOnlyList<FieldChange> Compare(JsonNode? before, JsonNode? after)
    {
        var changes = new List<FieldChange>();
        Walk("$", before, after, changes);
        return changes;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<FieldChange> changes)
    {
        if (JsonNode.DeepEquals(before, after)) return;
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                    Walk($"{path}.{key}", b[key], a[key], changes);
                break;
            case (JsonArray b, JsonArray a):
                for (var i = 0; i < Math.Max(b.Count, a.Count); i++)
                    Walk($"{path}[{i}]", i < b.Count ? b[i] : null, i < a.Count ? a[i] : null, changes);
                break;
            default:
                changes.Add(new FieldChange(path, before?.DeepClone(), after?.DeepClone()));
                break;
        }
    }
}
