using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.Optimizer.Domain.Models.Simulation;

/// <summary>
/// Decides what the simulated model does on a case, from the harness text alone (plus seeded noise):
/// <list type="number">
/// <item>It follows the most relevant instruction when relevance × salience reaches the threshold. Relevance is
/// the mean MiniLM cosine of the instruction with the situation (the user's last turns and correction) and with
/// the expected behaviour — or <see cref="SimulatedModelOptions.LiteralRelevance"/> when the instruction quotes a
/// literal value of this case. Salience falls as the instructions grow.</item>
/// <item>Otherwise it picks the tool whose name and description are most similar to the user's last turns; that
/// is right only when it is the tool the case expects and the case asks nothing of the answer text.</item>
/// <item>With probability <see cref="SimulatedModelOptions.FlipRate"/>, drawn from (seed, case, trial, harness),
/// the outcome flips.</item>
/// </list>
/// Right means the case's expected calls (those the harness declares) and an answer that carries the
/// correction without asking anything; wrong means the production mistake: the tools the corrected turn
/// used, or the most similar other tool, and a clarifying question where the case forbids one.
/// </summary>
internal sealed class SimulatedPlanner(EmbeddingCache embeddings, SimulatedModelOptions options)
{
    private static readonly HashSet<string> AnswerGraders =
        [GraderTypes.NoClarifyingQuestion, GraderTypes.FinalAnswerContains, GraderTypes.FinalAnswerMatches];

    public SimulatedPlan Plan(SimulatedHarness harness, EvalCase evalCase, int trial, CancellationToken cancellationToken)
    {
        var situation = Situation(evalCase);
        var expectation = evalCase.Expected.Behaviour;
        var (ruleRelevance, rule) = BestRule(harness.Instructions, evalCase, situation, expectation, cancellationToken);
        var salience = InstructionRules.Salience(harness.Instructions, options);
        var follows = ruleRelevance * salience >= options.FollowThreshold;

        var picked = PickTool(harness, LastUserTurns(evalCase), cancellationToken);
        var expectedFirst = evalCase.Expected.ToolCalls.FirstOrDefault()?.Name;
        var toolRight = picked is not null && picked == expectedFirst && !evalCase.Graders.Any(g => AnswerGraders.Contains(g.Type));

        var right = follows || toolRight;
        var flipped = Noise.Draw(options.Seed, evalCase.Id, trial, Fingerprint(harness)) < options.FlipRate;
        var why = follows
            ? $"followed \"{rule}\" (relevance {ruleRelevance:F2} × salience {salience:F2})"
            : $"no instruction salient enough (best {ruleRelevance:F2} × {salience:F2}); picked tool {picked ?? "none"} by description";
        return right != flipped
            ? new SimulatedPlan(right, flipped, RightCalls(harness, evalCase), RightAnswer(evalCase), why)
            : new SimulatedPlan(right, flipped, WrongCalls(harness, evalCase, picked, expectedFirst), WrongAnswer(evalCase), why);
    }

    private (double Relevance, string? Rule) BestRule(string instructions, EvalCase evalCase, string situation, string expectation, CancellationToken ct)
    {
        var rules = InstructionRules.Split(instructions);
        if (rules.Count == 0) return (0, null);
        var literals = CaseLiterals.Of(evalCase);
        var vectors = embeddings.Get([situation, expectation, .. rules], ct);
        var best = (Relevance: 0.0, Rule: (string?)null);
        for (var i = 0; i < rules.Count; i++)
        {
            var s = EmbeddingCache.Cosine(vectors[i + 2], vectors[0]);
            var a = EmbeddingCache.Cosine(vectors[i + 2], vectors[1]);
            var relevance = CaseLiterals.Quotes(rules[i], literals) ? options.LiteralRelevance : (s + a) / 2;
            if (relevance > best.Relevance) best = (relevance, rules[i] + $" [situation {s:F2}, behaviour {a:F2}]");
        }
        return best;
    }

    private string? PickTool(SimulatedHarness harness, string conversation, CancellationToken ct)
    {
        if (harness.Tools.Count == 0) return null;
        var vectors = embeddings.Get([conversation, .. harness.Tools.Select(ToolText)], ct);
        return harness.Tools.Select((t, i) => (t.Name, Score: EmbeddingCache.Cosine(vectors[0], vectors[i + 1])))
            .MaxBy(t => t.Score).Name;
    }

    private static IReadOnlyList<PlannedCall> RightCalls(SimulatedHarness harness, EvalCase evalCase) => evalCase.Expected.ToolCalls
        .Where(c => harness.Tools.Any(t => t.Name == c.Name))
        .Select(c => new PlannedCall(c.Name, ToolKey.Canonical(c.Arguments))).ToList();

    private static IReadOnlyList<PlannedCall> WrongCalls(SimulatedHarness harness, EvalCase evalCase, string? picked, string? expectedFirst)
    {
        var declared = harness.Tools.Select(t => t.Name).ToHashSet();
        var mistaken = evalCase.Graders.Where(g => g.Type == GraderTypes.ToolNotCalled && g.Tool is not null && declared.Contains(g.Tool!))
            .Select(g => g.Tool!).FirstOrDefault();
        var tool = mistaken ?? (picked != expectedFirst ? picked : harness.Tools.Select(t => t.Name).FirstOrDefault(n => n != expectedFirst));
        if (tool is null || (expectedFirst is null && mistaken is null)) return [];
        var recorded = evalCase.Tools.Recorded.FirstOrDefault(r => r.Tool == tool);
        return [new PlannedCall(tool, recorded?.Arguments ?? "{}")];
    }

    private static string RightAnswer(EvalCase evalCase) => evalCase.Expected.Correction is { Length: > 0 } correction
        ? "Understood: " + correction.Replace('?', '.')
        : "Done. " + evalCase.Expected.Behaviour.Replace('?', '.');

    private static string WrongAnswer(EvalCase evalCase) =>
        evalCase.Graders.Any(g => g.Type == GraderTypes.NoClarifyingQuestion)
            ? "Before I continue, could you please confirm the details of your request?"
            : "I have looked into your request.";

    private static string Situation(EvalCase evalCase) => $"{LastUserTurns(evalCase)} {evalCase.Expected.Correction}".Trim();

    private static string LastUserTurns(EvalCase evalCase) => string.Join(" ",
        evalCase.Input.Messages.Where(m => m.Role == "user").TakeLast(2).Select(m => m.Content));

    private static string ToolText((string Name, string Description) tool) => $"{tool.Name.Replace('_', ' ')}: {tool.Description}";

    private static ulong Fingerprint(SimulatedHarness harness) =>
        Noise.Hash(harness.Instructions + "\u0001" + string.Join("\u0001", harness.Tools.Select(t => t.Name + "\u0002" + t.Description)));
}
