using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace BetterHarness.Models.Simulated.Instructions;

/// <summary>
/// The rules of an instruction text and of the tools' descriptions, parsed once per (instructions, tools). A description
/// sentence that says when to use the tool ("Use it when …", "Do not use this tool for …; use X instead") is a rule
/// about that tool, read with the tool's name for "it".
/// </summary>
internal sealed partial class RuleBook
{
    private const int MaxEntries = 2_000;
    private readonly ConcurrentDictionary<ulong, IReadOnlyList<Rule>> _parsed = new();

    public IReadOnlyList<Rule> For(string instructions, IReadOnlyList<DeclaredTool> tools)
    {
        var key = Noise.Hash(instructions + "\u0001" + string.Join("\u0001", tools.Select(t => t.Name + "\u0002" + t.Description + "\u0002" + string.Join(",", t.Parameters.Select(p => p.Name)))));
        if (_parsed.TryGetValue(key, out var rules)) return rules;
        if (_parsed.Count > MaxEntries) _parsed.Clear();
        rules = InstructionText.Sentences(instructions).Select(s => RuleParser.Parse(s, tools))
            .Concat(tools.SelectMany(t => InstructionText.Sentences(t.Description).Select(s => DescriptionRule(s, t, tools))))
            .OfType<Rule>().ToList();
        _parsed[key] = rules;
        return rules;
    }

    private static Rule? DescriptionRule(string sentence, DeclaredTool tool, IReadOnlyList<DeclaredTool> tools)
    {
        var named = ItsName().Replace(sentence, m => $"{m.Groups["verb"].Value} {tool.Name}");
        return named == sentence ? null : RuleParser.Parse(named, tools) is { } rule ? rule with { Text = sentence, Tool = tool.Name } : null;
    }

    [GeneratedRegex(@"\b(?<verb>use|call|choose|pick|select)\s+(it|this tool|this function|this)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ItsName();
}
