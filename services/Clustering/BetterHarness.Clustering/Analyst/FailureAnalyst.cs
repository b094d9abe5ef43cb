using BetterHarness.Clustering.Domain.Analysis;
using BetterHarness.Clustering.Storage;
using BetterHarness.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>
/// One pass of the LLM failure analyst: takes the newest sampled failures whose signature has no answer yet, asks the
/// model for one root-cause statement per distinct signature (an answer to the same prompt is reused, never asked
/// again), and stores it with the clustering text it makes. Stops at the day's budget and at the first provider error
/// (the failure stays pending and that signature waits before it is asked again). Nothing here touches the offline
/// path: failures keep their signature and online assignment whatever happens.
/// </summary>
public sealed class FailureAnalyst(
    AnalystChat chat, AnalysisStore analyses, SignatureStore signatures, [FromKeyedServices(typeof(AnalystOptions))] DailyTokenBudget budget,
    IOptions<AnalystOptions> options, TimeProvider time, ILogger<FailureAnalyst> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (DateTimeOffset Until, int Errors)> _deferred = new(StringComparer.Ordinal);
    private long _calls, _cacheHits, _errors;

    public string Model => chat.Model;
    public long Calls => Interlocked.Read(ref _calls);
    public long CacheHits => Interlocked.Read(ref _cacheHits);
    public long Errors => Interlocked.Read(ref _errors);
    public string? LastError { get; private set; }

    /// <summary>
    /// Runs one pass (one at a time, across replicas too: while another replica's pass runs this one does nothing); the
    /// outcome says whether it stopped early and why.
    /// </summary>
    public async Task<AnalystPass> RunOnceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var held = await analyses.TryHoldPassAsync(ct);
            return held is null ? new AnalystPass() : await PassAsync(ct);
        }
        finally { _gate.Release(); }
    }

    private async Task<AnalystPass> PassAsync(CancellationToken ct)
    {
        var o = options.Value;
        var pending = Pick(o);
        var stored = signatures.Find(pending);
        var pass = new AnalystPass();
        foreach (var hash in pending.Where(stored.ContainsKey))
        {
            var signature = stored[hash];
            var prompt = AnalystPrompt.For(signature.Text, o.MaxInputChars);
            var key = prompt.CacheKey(chat.Model);
            if (analyses.Statement(key) is { } known)
            {
                Store(new StoredAnalysis(key, chat.Model, known, 0, 0, false), hash, signature);
                Interlocked.Increment(ref _cacheHits);
                pass = pass with { CacheHits = pass.CacheHits + 1 };
                continue;
            }
            if (!budget.Allows(chat.Model, prompt.Length)) return pass with { BudgetExhausted = true };
            try
            {
                Interlocked.Increment(ref _calls);
                var answer = await AskAsync(prompt, key, o, ct);
                Store(answer, hash, signature);
                _deferred.Remove(hash);
                pass = pass with { Calls = pass.Calls + 1 };
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The call may still be billed: the budget counts it (what the provider reported, else the worst case).
                analyses.AddSpend(chat.Model, e is EmptyAnswerException empty ? empty.Tokens : DailyTokenBudget.WorstCase(prompt.Length, o),
                    time.GetUtcNow().ToUnixTimeMilliseconds());
                Defer(hash, o.RetryDelay);
                Interlocked.Increment(ref _errors);
                LastError = $"{e.GetType().Name}: {e.Message}";
                logger.LogWarning(e, "Failure analyst: {Model} failed on signature {Hash}; asked again later, clustering goes on without it", chat.Model, hash);
                return pass with { Failed = true };
            }
        }
        return pass;
    }

    private async Task<StoredAnalysis> AskAsync(AnalystPrompt prompt, string key, AnalystOptions o, CancellationToken ct)
    {
        var response = await chat.Client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, prompt.System), new ChatMessage(ChatRole.User, prompt.User)],
            // No temperature: reasoning models refuse one, and answers are cached, so a second opinion is never asked for anyway.
            new ChatOptions { MaxOutputTokens = o.MaxOutputTokens }, ct);
        var statement = RootCause.Clean(response.Text);
        var (input, output) = (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
        if (statement.Length == 0)
            throw new EmptyAnswerException((input ?? DailyTokenBudget.TokenEstimate(prompt.Length)) + (output ?? o.MaxOutputTokens));
        var estimated = input is null || output is null;
        return new StoredAnalysis(key, chat.Model, statement,
            input ?? DailyTokenBudget.TokenEstimate(prompt.Length), output ?? DailyTokenBudget.TokenEstimate(response.Text.Length), estimated);
    }

    private void Store(StoredAnalysis answer, string hash, StoredSignature signature)
    {
        var text = RootCause.ClusteringText(answer.Statement, signature.Text);
        analyses.Add(answer, hash, (RootCause.Hash(text), text, signature.DominantKind), time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>Distinct signatures of the newest sampled pending failures, those waiting after an error left out.</summary>
    private List<string> Pick(AnalystOptions o)
    {
        var now = time.GetUtcNow();
        var picked = new List<string>();
        foreach (var (traceId, hash) in analyses.Pending(chat.Model))
        {
            if (!TraceSample.Includes(traceId, o.SampleRate) || picked.Contains(hash)) continue;
            if (_deferred.TryGetValue(hash, out var d) && d.Until > now) continue;
            picked.Add(hash);
            if (picked.Count >= o.BatchSize) break;
        }
        return picked;
    }

    /// <summary>A signature that failed waits RetryDelay, doubling with each error up to a day: one bad failure cannot hold the rest.</summary>
    private void Defer(string hash, TimeSpan delay)
    {
        var errors = _deferred.TryGetValue(hash, out var d) ? d.Errors + 1 : 1;
        _deferred[hash] = (time.GetUtcNow() + RetryBackoff.After(delay, errors - 1), errors);
    }
}

/// <summary>The model answered, but with no statement (e.g. a reasoning model that spent the answer cap thinking); what it cost.</summary>
public sealed class EmptyAnswerException(long tokens)
    : InvalidOperationException("the model answered no statement (a reasoning model may need a higher MaxOutputTokens)")
{
    public long Tokens => tokens;
}

/// <summary>What one pass did: calls made, answers reused, and whether it stopped at the budget or at an error.</summary>
public sealed record AnalystPass(int Calls = 0, int CacheHits = 0, bool BudgetExhausted = false, bool Failed = false);
