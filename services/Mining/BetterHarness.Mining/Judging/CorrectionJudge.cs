using System.Security.Cryptography;
using System.Text;
using BetterHarness.Mining.Domain.Judging;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Judging;

/// <summary>The judge's model: its configured name (recorded as the actor of every verdict) and its chat client.</summary>
public sealed record JudgeChat(string Model, IChatClient Client);

/// <summary>What one pass did.</summary>
public sealed record JudgePass(int Calls = 0, int CacheHits = 0, int SkippedByPerson = 0, bool BudgetExhausted = false, bool Failed = false);

/// <summary>
/// One pass of the correction judge: the newest queued turns of sampled traces are asked about (an answer to the same prompt
/// is reused, never asked again), within the day's budget; each verdict is stored as a label with source <c>judge</c> and
/// the model's name. A turn a person (or a review verdict) already labelled is not asked: the judge never overrules people,
/// and its label would not count anyway (a person's label wins). A provider error stops the pass; that turn waits
/// <see cref="JudgeOptions.RetryDelay"/>, doubling per error up to a day, so one bad turn cannot hold the rest.
/// </summary>
public sealed class CorrectionJudge(JudgeChat chat, JudgeStore store, [FromKeyedServices(typeof(JudgeOptions))] DailyTokenBudget budget, LabelStore labels,
    IOptions<JudgeOptions> options, TimeProvider time, ILogger<CorrectionJudge> logger)
{
    public const string Origin = "judge";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Model => chat.Model;

    public async Task<JudgePass> RunOnceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return await PassAsync(ct); }
        finally { _gate.Release(); }
    }

    private async Task<JudgePass> PassAsync(CancellationToken ct)
    {
        var o = options.Value;
        var pass = new JudgePass();
        foreach (var turn in store.Due(time.GetUtcNow().ToUnixTimeMilliseconds(), o.BatchSize * 4))
        {
            if (pass.Calls >= o.BatchSize) break;
            if (!Sampled(turn.TraceId, o.SampleRate)) { store.Done(turn); continue; }
            if (labels.List(turn.Agent, turn.TraceId).Any(l => l.UserTurn == turn.UserTurn && LabelSources.IsHuman(l.Source)))
            {
                store.Done(turn);
                pass = pass with { SkippedByPerson = pass.SkippedByPerson + 1 };
                continue;
            }
            var prompt = JudgePrompt.For(turn.Assistant, turn.User, o.MaxInputChars);
            var key = prompt.CacheKey(chat.Model);
            if (store.Cached(key) is { } known)
            {
                Record(turn, known);
                pass = pass with { CacheHits = pass.CacheHits + 1 };
                continue;
            }
            if (!budget.Allows(chat.Model, prompt.Length)) return pass with { BudgetExhausted = true };
            try
            {
                var verdict = await AskAsync(prompt, o, ct);
                store.Answer(key, chat.Model, verdict, time.GetUtcNow().ToUnixTimeMilliseconds());
                Record(turn, verdict);
                pass = pass with { Calls = pass.Calls + 1 };
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The call may still be billed: the budget counts its worst case.
                store.AddSpend(chat.Model, DailyTokenBudget.WorstCase(prompt.Length, o), time.GetUtcNow().ToUnixTimeMilliseconds());
                var wait = RetryBackoff.After(o.RetryDelay, turn.Errors);
                store.Defer(turn, (time.GetUtcNow() + wait).ToUnixTimeMilliseconds());
                logger.LogWarning(e, "Correction judge: {Model} failed on {TraceId} turn {Turn}; asked again in {Wait}", chat.Model, turn.TraceId, turn.UserTurn, wait);
                return pass with { Failed = true };
            }
        }
        return pass;
    }

    private async Task<bool> AskAsync(JudgePrompt prompt, JudgeOptions o, CancellationToken ct)
    {
        var response = await chat.Client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, prompt.System), new ChatMessage(ChatRole.User, prompt.User)],
            new ChatOptions { MaxOutputTokens = o.MaxOutputTokens }, ct);
        var (input, output) = (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
        store.AddSpend(chat.Model, (input ?? DailyTokenBudget.TokenEstimate(prompt.Length)) + (output ?? DailyTokenBudget.TokenEstimate(response.Text.Length)),
            time.GetUtcNow().ToUnixTimeMilliseconds());
        return JudgePrompt.Parse(response.Text)
            ?? throw new InvalidDataException($"the judge answered neither yes nor no: \"{(response.Text.Length > 80 ? response.Text[..80] + "…" : response.Text)}\"");
    }

    private void Record(JudgeTurn turn, bool isCorrection)
    {
        labels.Save(new CorrectionLabel(turn.Agent, turn.TraceId, turn.UserTurn, isCorrection, LabelSources.Judge, Origin, chat.Model, "judge",
            turn.ConversationId, turn.SpanId, turn.Assistant, turn.User, time.GetUtcNow()), null);
        store.Done(turn);
    }

    /// <summary>The same hash sampling as the failure analyst: a trace is in or out on every pass.</summary>
    public static bool Sampled(string traceId, double rate)
    {
        if (rate >= 1) return true;
        if (rate <= 0) return false;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(traceId.ToLowerInvariant()));
        return BitConverter.ToUInt64(bytes, 0) / (double)ulong.MaxValue < rate;
    }
}
