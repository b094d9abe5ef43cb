using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BetterHarness.Mining.Training;

/// <summary>EURTAD's randomly sampled dialogues (four source formats) where annotators found no error: all negatives.</summary>
public static partial class RandomDialogs
{
    public static IEnumerable<LabelledTurn> Read(string file, string root)
    {
        var source = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[2];
        var index = 0;
        foreach (var entry in JsonNode.Parse(File.ReadAllText(file))!.AsArray().Select(e => e!.AsObject()))
        {
            index++;
            if (HasAnyCorrection(entry)) continue;
            var pairs = Pairs(entry);
            for (var i = 1; i < pairs.Count; i++)
            {
                if (pairs[i].User.Length == 0 || pairs[i].User == "<SILENCE>" || pairs[i - 1].System.Length == 0) continue;
                yield return new LabelledTurn($"eurtad-random/{source}/{index}/{i}", $"eurtad-random/{source}/{index}", $"eurtad-random-{source}",
                    pairs[i - 1].System, pairs[i].User, 0, 3, false);
            }
        }
    }

    private static bool HasAnyCorrection(JsonObject entry)
    {
        if ((string?)entry["correction"] is { } flat) return flat != "no";
        var annotations = (entry["annotations"] ?? entry["annotation"])?.AsArray();
        return annotations is null || annotations.Any(a => (string?)a!["user_correction"] != "C2" || ((string?)a["turn"] ?? "") != "");
    }

    /// <summary>(user, system) turns in order, whatever the source format.</summary>
    private static List<(string User, string System)> Pairs(JsonObject entry)
    {
        var body = entry.FirstOrDefault(p => p.Key.All(char.IsDigit)).Value ?? entry["turns"];
        return body switch
        {
            JsonObject { } o when o["turns"] is JsonArray a => a.Select(t => (Clean(t![0]), Clean(t[1]))).ToList(),
            JsonObject { } o when o["dialogue"] is JsonArray d => Speakers(d),
            JsonArray lines => lines.Select(l => (string?)l ?? "").Where(l => l.Contains('\t'))
                .Select(l => l.Split('\t')).Select(p => (EurtadReader.Clean(p[0]), p[1].Trim())).ToList(),
            JsonValue v when (string?)v is { } text => Tagged(text),
            _ => [],
        };
    }

    private static string Clean(JsonNode? node) => EurtadReader.Clean((string?)node);

    // Wizard of Wikipedia: the wizard plays the system, the apprentice the user.
    private static List<(string, string)> Speakers(JsonArray dialogue)
    {
        var result = new List<(string, string)>();
        foreach (var turn in dialogue)
        {
            var text = ((string?)turn!["text"] ?? "").Trim();
            if (!((string?)turn["speaker"] ?? "").Contains("Wizard")) result.Add((text, ""));
            else if (result.Count > 0) result[^1] = (result[^1].Item1, text);
        }
        return result;
    }

    private static List<(string, string)> Tagged(string text)
    {
        var result = new List<(string, string)>();
        foreach (Match m in TaggedTurn().Matches(text))
            if (m.Groups[1].Value == "USER") result.Add((m.Groups[2].Value.Trim(), ""));
            else if (result.Count > 0) result[^1] = (result[^1].Item1, m.Groups[2].Value.Trim());
        return result;
    }

    [GeneratedRegex(@"'(USER|SYSTEM): (.*?)'(?=, '|\])")]
    private static partial Regex TaggedTurn();
}
