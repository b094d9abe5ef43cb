using System.Text;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Grading;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Grading;

/// <summary>
/// Grades <c>llm_judge</c> rubrics with a judge model through <see cref="IChatClient"/> structured output:
/// the judge sees the conversation, what the agent did and the rubric, and answers {pass, reason}. A judge
/// that cannot be reached or answers nonsense yields <em>not graded</em>, never a pass.
/// </summary>
public sealed class ChatRubricJudge(IChatClient judge) : IRubricJudge
{
    public async Task<GraderResult> JudgeAsync(EvalCase evalCase, GradedRun run, string rubric, CancellationToken cancellationToken)
    {
        try
        {
            var response = await judge.GetResponseAsync<JudgeVerdict>(Prompt(evalCase, run, rubric), cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.TryGetResult(out var verdict) && verdict is not null
                ? verdict.Pass ? GraderResult.Pass(GraderTypes.LlmJudge, verdict.Reason) : GraderResult.Fail(GraderTypes.LlmJudge, verdict.Reason)
                : GraderResult.Skip(GraderTypes.LlmJudge, "not graded: the judge's answer was not a verdict");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return GraderResult.Skip(GraderTypes.LlmJudge, $"not graded: judge failed ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private static string Prompt(EvalCase evalCase, GradedRun run, string rubric)
    {
        var text = new StringBuilder("You grade an AI agent's turn against a rubric. Answer with pass (true/false) and a one-sentence reason.\n\n## Conversation\n");
        foreach (var m in evalCase.Input.Messages) text.Append(m.Role).Append(": ").AppendLine(m.Content);
        text.AppendLine("\n## What the agent did next");
        foreach (var call in run.ToolCalls) text.Append("called ").Append(call.Name).Append(' ').AppendLine(call.Arguments?.ToJsonString() ?? "{}");
        text.Append("answered: ").AppendLine(run.FinalAnswer);
        return text.Append("\n## Rubric\n").AppendLine(rubric).ToString();
    }

    private sealed record JudgeVerdict(bool Pass, string Reason);
}
