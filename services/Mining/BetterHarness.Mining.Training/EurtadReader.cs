using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BetterHarness.Mining.Training;

/// <summary>
/// Reads EURTAD's analysis dialogues. Annotated turns become pairs labelled by the majority of the annotators
/// who annotated the turn (see <see cref="CorrectsTheSystem"/>); randomly sampled dialogues in which no annotator found
/// any error give every user turn as a negative. Random dialogues with a turn-level C1 are skipped: their
/// turn numbering differs between sources and a wrong alignment would mislabel.
/// </summary>
public static partial class EurtadReader
{
    public static IEnumerable<LabelledTurn> Read(string root)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "analysis", "filtered_dialogs"), "*.json", SearchOption.AllDirectories).Order())
            foreach (var turn in ReadAnnotated(file, root)) yield return turn;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "analysis", "random_dialogs"), "*.json", SearchOption.AllDirectories).Order())
            foreach (var turn in RandomDialogs.Read(file, root)) yield return turn;
    }

    private static IEnumerable<LabelledTurn> ReadAnnotated(string file, string root)
    {
        var dialog = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var turns = dialog["turns"]!.AsArray().Select(t => (User: Clean((string?)t!["utterance"]), System: Clean((string?)t!["response"]))).ToList();
        var source = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[2];
        var id = (string?)dialog["unique_id"] ?? Path.GetFileNameWithoutExtension(file);
        var annotations = dialog["annotations"]!.AsArray();
        var items = new List<(int Turn, JsonArray Votes)>();
        if (annotations.Count > 0 && annotations[0]!["turn"] is not null)
            items.AddRange(annotations.Select(a => ((int)a!["turn"]!, a["annotation"]!.AsArray())));
        else if (dialog["correction"]?["phrase"]?.AsArray() is { Count: > 1 } phrase)
        {
            // Single-annotation files name the corrected turn by its text only.
            var wanted = Key((string)phrase[1]!);
            var index = turns.FindIndex(t => Key(t.User) == wanted);
            if (index >= 0) items.Add((index, annotations));
        }
        foreach (var (turn, votes) in items)
        {
            if (turn <= 0 || turn >= turns.Count) continue;
            var annotated = votes.Select(v => v!.AsObject()).Where(Annotated).ToList();
            // Blank slots are annotators who did not annotate this turn ("unchecked" dialogues have one annotator).
            if (annotated.Count == 0) continue;
            var corrects = annotated.Count(CorrectsTheSystem);
            yield return new LabelledTurn($"eurtad/{id}/{turn}", $"eurtad/{id}", $"eurtad-{source}",
                turns[turn - 1].System, turns[turn].User, corrects, annotated.Count, corrects * 2 > annotated.Count);
        }
    }

    /// <summary>The annotator filled in <c>user_correction</c> (C1/C2; a few rows have the columns shifted by one).</summary>
    private static bool Annotated(JsonObject vote) =>
        !string.IsNullOrWhiteSpace((string?)vote["user_correction"]) || (string?)vote["user_reaction"] == "C1";

    /// <summary>
    /// The vote says the user turn corrects the system: C1 (the user's turn reacts to a system error) with a
    /// reaction other than UR1 ("ignores the error and continues" — nothing in the turn addresses the error).
    /// UR2 repeat/rephrase, UR3 correction, UR4 "makes aware", UR5 "asks what was meant" and the older B-codes of
    /// the single-annotator files all react to the error. One row has the columns shifted (reaction "C1").
    /// </summary>
    private static bool CorrectsTheSystem(JsonObject vote)
    {
        var correction = ((string?)vote["user_correction"] ?? "").Trim();
        var reaction = ((string?)vote["user_reaction"] ?? "").Trim();
        if (reaction == "C1") return true;
        return correction == "C1" && reaction != "UR1";
    }

    internal static string Clean(string? text) => LeadingNumber().Replace((text ?? "").Trim(), "");

    private static string Key(string text) => NonLetters().Replace(text.ToLowerInvariant(), "");

    // Personachat utterances carry their line number ("14 what . that did not make sense .").
    [GeneratedRegex(@"^\d+ ")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex("[^a-z0-9]")]
    private static partial Regex NonLetters();
}
