using BetterHarness.Models.Simulated.Arguments;
using BetterHarness.Models.Simulated.Instructions;
using Microsoft.Extensions.AI;

namespace BetterHarness.Models.Simulated;

/// <summary>
/// Decides a turn from the request alone:
/// <list type="number">
/// <item>Each instruction rule is followed when its situation's match with the user's last turns (MiniLM cosine; 1 for
/// a rule without one; the opposite for "unless") × the instructions' salience, plus noise, reaches
/// <see cref="SimulatedModelOptions.FollowThreshold"/>. A rule quoting a literal (an id, a code) matches only a
/// conversation that contains it.</item>
/// <item>Tools a followed rule names are called in order (rules with a matched situation before standing ones, then by
/// score); tools a followed rule forbids are never called. Without a
/// rule naming one, the model calls the declared tool whose name and description are most like the user's request,
/// when that similarity (plus noise) reaches <see cref="SimulatedModelOptions.ToolThreshold"/>.</item>
/// <item>A tool whose required arguments the conversation cannot fill is preceded by a tool that can be called and
/// whose name or description names what is missing (a lookup).</item>
/// </list>
/// Noise is N(0, σ) per decision, σ = <see cref="SimulatedModelOptions.Noise"/> scaled by the request's temperature.
/// </summary>
internal sealed class TurnPlanner(EmbeddingCache embeddings, SimulatedModelOptions options)
{
    private readonly RuleBook _rules = new();

    public TurnPlan Plan(ChatRequestView view, ChatOptions? chat, CancellationToken cancellationToken)
    {
        var sigma = options.Noise * TemperatureFactor(chat?.Temperature);
        double Draw(string decision) => sigma == 0 ? 0 : sigma * Noise.Normal(options.Seed, view.TurnKey, chat?.Seed, decision);

        var salience = InstructionText.Salience(view.Instructions, options);
        var rules = _rules.For(view.Instructions, view.Tools);
        var situations = rules.Select(r => r.Situation).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var vectors = embeddings.Get([view.Context, .. situations, .. view.Tools.Select(t => t.Text)], cancellationToken);
        var situationMatch = situations.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => EmbeddingCache.Cosine(vectors[0], vectors[1 + x.i]), StringComparer.Ordinal);
        var conversation = string.Join("\n", view.TurnTexts);

        var followed = new List<(Rule Rule, double Score)>();
        foreach (var rule in rules)
        {
            var match = rule.Situation is null ? 1 : situationMatch[rule.Situation];
            if (rule.Unless) match = 1 - match;
            if (rule.Literals.Count > 0)
                match = rule.Literals.Any(l => conversation.Contains(l, StringComparison.OrdinalIgnoreCase)) ? Math.Max(match, 0.9) : 0;
            // A tool's description is read with the tool, not diluted by the length of the instructions.
            var score = match * (rule.Tool is null ? salience : 1) + Draw("rule:" + rule.Tool + ":" + rule.Text);
            if (score >= options.FollowThreshold) followed.Add((rule, score));
        }
        // A rule whose situation matched this conversation is more specific than a standing statement ("help users book,
        // change and cancel …"), so its actions come first, as a model follows the instruction written for the case at hand.
        followed.Sort((a, b) => (b.Rule.Situation is not null).CompareTo(a.Rule.Situation is not null) is var bySituation and not 0
            ? bySituation : b.Score.CompareTo(a.Score));
        var effects = followed.SelectMany(f => f.Rule.Effects).ToList();
        var avoid = effects.Where(e => e.Action == RuleAction.Avoid).Select(e => e.Tool!).ToHashSet(StringComparer.Ordinal);
        var allowed = view.Tools.Where(t => !avoid.Contains(t.Name)).ToList();
        DeclaredTool? Declared(string? name) => allowed.FirstOrDefault(t => t.Name == name);

        var plan = effects.Where(e => e.Action == RuleAction.Call).Select(e => Declared(e.Tool)).OfType<DeclaredTool>().DistinctBy(t => t.Name).ToList();
        var why = new List<string>();
        why.AddRange(followed.Select(f => $"followed \"{Clip(f.Rule.Text)}\" ({f.Score:F2}, salience {salience:F2})"));
        if (plan.Count == 0 && allowed.Count > 0)
        {
            var best = allowed.Select(t => (Tool: t, Score: EmbeddingCache.Cosine(vectors[0], vectors[1 + situations.Count + view.Tools.ToList().IndexOf(t)])
                    + Draw("tool:" + t.Name + "\u0001" + t.Description)))
                .MaxBy(x => x.Score);
            why.Add($"best tool by description: {best.Tool.Name} ({best.Score:F2})");
            if (best.Score >= options.ToolThreshold) plan.Add(best.Tool);
        }
        foreach (var order in effects.Where(e => e.Action == RuleAction.Order))
        {
            var at = plan.FindIndex(t => t.Name == order.Then);
            if (at >= 0 && plan.All(t => t.Name != order.Tool) && Declared(order.Tool) is { } first) plan.Insert(at, first);
        }
        if (plan.Count > 0 && Lookup(plan[0], allowed, view) is { } lookup)
        {
            plan.Insert(0, lookup);
            why.Add($"looked up with {lookup.Name} what {plan[1].Name} needs");
        }
        return new TurnPlan(plan, effects.Any(e => e.Action == RuleAction.NoQuestion), effects.Any(e => e.Action == RuleAction.StateValues),
            why.Count == 0 ? "no rule applied and no tool fitted" : string.Join("; ", why));
    }

    /// <summary>A tool that can be called now and names what <paramref name="tool"/> lacks ("… including their reservations").</summary>
    private static DeclaredTool? Lookup(DeclaredTool tool, IReadOnlyList<DeclaredTool> allowed, ChatRequestView view)
    {
        var values = ConversationValues.Of(view.TurnTexts, view.TurnTexts.Count);
        var missing = ArgumentFiller.Fill(tool, values, view.UserTurns.LastOrDefault() ?? "").Missing;
        if (missing.Count == 0) return null;
        var wanted = missing.SelectMany(p => p.Name.ToLowerInvariant().Split('_')).Where(w => w.Length > 2 && w != "ids").Select(RuleParser.Stem).ToHashSet();
        return allowed.Where(t => t.Name != tool.Name)
            .Where(t => ArgumentFiller.Fill(t, values, "").Missing.Count == 0 && t.Parameters.Any(p => p.Required && !ArgumentFiller.IsFreeText(p)))
            .FirstOrDefault(t => Words(t.Text).Any(wanted.Contains));
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', '_', ',', '.', ':', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Select(RuleParser.Stem);

    /// <summary>Temperature 1 (the usual default, and the default when none is sent) is the configured noise; 0 keeps a quarter of it.</summary>
    private static double TemperatureFactor(float? temperature) => 0.25 + 0.75 * Math.Clamp(temperature ?? 1f, 0f, 2f);

    private static string Clip(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
