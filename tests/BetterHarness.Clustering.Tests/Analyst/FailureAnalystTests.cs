using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Domain.Analysis;
using BetterHarness.Contracts;
using BetterHarness.Models;

using BetterHarness.Testing.Storage;

namespace BetterHarness.Clustering.Tests.Analyst;

/// <summary>On SQLite and on PostgreSQL (<see cref="FailureAnalystOnSqlite"/>, <see cref="FailureAnalystOnPostgres"/>).</summary>
public abstract class FailureAnalystTests(StoreEngine engine)
{
    private AnalystRig Rig(FakeChatClient chat, AnalystOptions? analyst = null) => new(chat, analyst, engine.NewDatabases());

    private static FakeChatClient Answering(string statement = "The agent retried a failing payment instead of telling the user.") => new(_ => statement);

    [Fact]
    public async Task Asks_once_per_distinct_failure_and_never_again_on_redelivery_or_restart()
    {
        var rig = Rig(Answering());
        var same = Enumerable.Range(0, 3).Select(i => Digests.Failure($"payment gateway timed out after {i} s", tool: "charge_card")).ToArray();
        var other = Digests.Failure("invalid api key", tool: "get_account", kind: "error");
        await rig.IngestAsync([.. same, other]);

        var first = await rig.PassAsync();
        Assert.Equal(2, first.Calls);
        Assert.All(same.Append(other), d => Assert.Equal("The agent retried a failing payment instead of telling the user.", rig.Statement(d.TraceId)));

        await rig.IngestAsync([.. same, other]);
        Assert.Equal(0, (await rig.PassAsync()).Calls);
        var restarted = new AnalystRig(Answering(), databases: rig.Databases);
        Assert.Equal(0, (await restarted.PassAsync()).Calls);
        Assert.Equal(2, rig.Chat.Calls);
        Assert.Equal(0, restarted.Chat.Calls);
        Assert.NotNull(restarted.Statement(other.TraceId));
    }

    [Fact]
    public async Task A_failure_whose_prompt_was_already_asked_reuses_the_answer()
    {
        // Cut to 100 characters, the two signatures (they differ only in the user's request, last) ask the same question.
        var rig = Rig(Answering(), new AnalystOptions { Model = "fake", MaxInputChars = 100 });
        await rig.IngestAsync(Digests.Failure("card declined", request: "book me a flight to paris"), Digests.Failure("card declined", request: "cancel my hotel"));

        var pass = await rig.PassAsync();

        Assert.Equal((1, 1), (pass.Calls, pass.CacheHits));
        Assert.Equal(1, rig.Chat.Calls);
    }

    [Fact]
    public async Task The_day_budget_stops_calls_and_they_resume_the_next_utc_day()
    {
        var chat = Answering();
        chat.Usage = new() { InputTokenCount = 900, OutputTokenCount = 100 };
        // 1,100 tokens a day: the first call (at most its prompt + 60) fits, a second after 1,000 spent does not.
        var rig = Rig(chat, new AnalystOptions { Model = "fake", MaxTokensPerDay = 1_100 });
        await rig.IngestAsync(Digests.Failure("card declined"), Digests.Failure("seat map unavailable", tool: "seat_map"), Digests.Failure("quota exceeded", tool: "export"));

        var today = await rig.PassAsync();
        Assert.Equal((1, true), (today.Calls, today.BudgetExhausted));
        Assert.Equal(1_000, rig.Budget.SpentToday("fake"));
        Assert.Equal(0, (await rig.PassAsync()).Calls);
        Assert.Equal(1, chat.Calls);

        rig.Time.Advance(TimeSpan.FromHours(12)); // 00:00 UTC the next day
        var tomorrow = await rig.PassAsync();
        Assert.Equal((1, true), (tomorrow.Calls, tomorrow.BudgetExhausted));
        Assert.Equal(2, chat.Calls);
        // A restart does not reset the day's spending: it is counted from the stored answers.
        Assert.Equal(1_000, new AnalystRig(Answering(), rig.Options.Value, rig.Databases, rig.Time).Budget.SpentToday("fake"));
    }

    [Fact]
    public async Task Calls_that_store_no_answer_still_count_against_the_budget()
    {
        var chat = new FakeChatClient(_ => "");
        var rig = Rig(chat);
        await rig.IngestAsync(Digests.Failure("card declined"));

        // An empty reply (a reasoning model that spent the answer cap thinking) is billed: what the provider reported.
        Assert.True((await rig.PassAsync()).Failed);
        Assert.Equal(120, rig.Budget.SpentToday("fake"));

        // An outage after the retry wait: no usage came back, so the worst case counts (prompt estimate + answer cap).
        chat.Fail = true;
        rig.Time.Advance(rig.Options.Value.RetryDelay + TimeSpan.FromSeconds(1));
        Assert.True((await rig.PassAsync()).Failed);
        Assert.Equal(2, chat.Calls);
        Assert.True(rig.Budget.SpentToday("fake") > 120 + rig.Options.Value.MaxOutputTokens, $"spent {rig.Budget.SpentToday("fake")}");
        Assert.Null(rig.Statement(rig.Failures.All()[0].TraceId));
    }

    [Fact]
    public async Task Tokens_are_estimated_from_characters_when_the_provider_reports_none()
    {
        var chat = Answering("Twelve chars");
        chat.Usage = null;
        var rig = Rig(chat);
        var failure = Digests.Failure("card declined");
        await rig.IngestAsync(failure);

        await rig.PassAsync();

        var text = rig.Signatures.Find([BetterHarness.Clustering.Domain.Signatures.SignatureBuilder.Build(failure).Hash]).Values.Single().Text;
        var prompt = AnalystPrompt.For(text, rig.Options.Value.MaxInputChars);
        Assert.Equal(DailyTokenBudget.TokenEstimate(prompt.Length) + 3, rig.Budget.SpentToday("fake"));
    }

    [Fact]
    public async Task Sampling_analyses_exactly_the_traces_the_hash_picks()
    {
        var rig = Rig(new FakeChatClient(prompt => "root cause: " + prompt.Length), new AnalystOptions { Model = "fake", SampleRate = 0.5, BatchSize = 100 });
        // Fixed trace ids, so the sample (and the range below) is the same on every run.
        var failures = Enumerable.Range(0, 40).Select(i => Digests.Failure($"error family {(char)('a' + i % 26)}{(char)('a' + i / 26)} broke",
            tool: $"tool_{(char)('a' + i % 26)}", traceId: $"{i + 1:x32}")).ToArray();
        await rig.IngestAsync(failures);

        await rig.PassAsync();

        var picked = failures.Where(f => TraceSample.Includes(f.TraceId, 0.5)).Select(f => f.TraceId).ToHashSet();
        Assert.InRange(picked.Count, 8, 32);
        Assert.Equal(picked, failures.Where(f => rig.Statement(f.TraceId) is not null).Select(f => f.TraceId).ToHashSet());
        Assert.Equal(picked.Count, rig.Chat.Calls);
    }

    [Fact]
    public void Sample_is_deterministic_and_near_the_rate()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => $"{i:x32}").ToList();
        var rate = ids.Count(id => TraceSample.Includes(id, 0.3)) / (double)ids.Count;
        Assert.InRange(rate, 0.28, 0.32);
        Assert.Equal(ids.Where(id => TraceSample.Includes(id, 0.3)), ids.Where(id => TraceSample.Includes(id.ToUpperInvariant(), 0.3)));
        Assert.DoesNotContain(ids, id => TraceSample.Includes(id, 0));
        Assert.All(ids, id => Assert.True(TraceSample.Includes(id, 1)));
    }

    [Fact]
    public async Task A_provider_error_keeps_the_failure_clustered_offline_and_it_is_asked_again_later()
    {
        var chat = Answering();
        var rig = Rig(chat);
        var seed = Enumerable.Range(0, 4).Select(i => Digests.Failure($"card declined {i}")).ToArray();
        await rig.IngestAsync(seed);
        await rig.Engine.ReclusterAsync(null, false, default);
        chat.Fail = true;
        var late = Digests.Failure("card declined 9");
        await rig.IngestAsync(late);

        var failed = await rig.PassAsync();

        Assert.True(failed.Failed);
        Assert.Null(rig.Statement(late.TraceId));
        Assert.NotNull(rig.Failures.Find(late.TraceId)!.Value.ClusterId);
        chat.Fail = false;
        Assert.Equal(0, (await rig.PassAsync()).Calls); // the failed signature waits RetryDelay
        rig.Time.Advance(rig.Options.Value.RetryDelay);
        Assert.Equal(1, (await rig.PassAsync()).Calls);
        Assert.NotNull(rig.Statement(late.TraceId));
    }

    [Fact]
    public async Task The_statement_joins_the_reclustering_text_and_cluster_ids_stay()
    {
        var chat = new FakeChatClient(prompt => prompt.Contains("charge_card") ? "Zebra gateway outage left the charge unconfirmed." : "Stale credentials for the account service.");
        var rig = Rig(chat);
        TraceDigest[] failures =
        [
            .. Enumerable.Range(0, 6).Select(i => Digests.Failure($"payment gateway timed out after {i} s", tool: "charge_card")),
            .. Enumerable.Range(0, 6).Select(i => Digests.Failure($"invalid api key for account {i}", tool: "get_account", kind: "error")),
        ];
        await rig.IngestAsync(failures);
        var before = await rig.Engine.ReclusterAsync(null, false, default);
        var ids = failures.ToDictionary(f => f.TraceId, f => rig.Failures.Find(f.TraceId)!.Value.ClusterId);
        Assert.DoesNotContain(rig.Embedder.Texts, t => t.StartsWith("root cause:", StringComparison.Ordinal));

        await rig.PassAsync();
        var after = await rig.Engine.ReclusterAsync(null, false, default);

        Assert.Contains(rig.Embedder.Texts, t => t.StartsWith("root cause: zebra gateway outage left the charge unconfirmed.\nfailure: tool_failure", StringComparison.Ordinal));
        Assert.Contains(rig.Embedder.Texts, t => t.StartsWith("root cause: stale credentials", StringComparison.Ordinal));
        Assert.Equal((before.Summary.K, 0), (after.Summary.K, after.Summary.Emerged));
        Assert.All(failures, f => Assert.Equal(ids[f.TraceId], rig.Failures.Find(f.TraceId)!.Value.ClusterId));
    }

    [Fact]
    public async Task Online_assignment_never_calls_the_model_nor_embeds_an_analysed_text_under_the_lock()
    {
        var chat = Answering();
        var rig = Rig(chat);
        await rig.IngestAsync([.. Enumerable.Range(0, 4).Select(i => Digests.Failure($"card declined {i}"))]);
        await rig.Engine.ReclusterAsync(null, false, default);
        // Answered after the clusters were made: the analysed text has no embedding yet.
        await rig.PassAsync();
        var (calls, embedded) = (chat.Calls, rig.Embedder.Texts.Count);

        var again = Digests.Failure("card declined 7");
        await rig.IngestAsync(again);

        Assert.Equal(calls, chat.Calls);
        Assert.DoesNotContain(rig.Embedder.Texts.Skip(embedded), t => t.StartsWith("root cause:", StringComparison.Ordinal));
        Assert.NotNull(rig.Failures.Find(again.TraceId)!.Value.ClusterId);

        // Once a re-clustering has embedded it, the analysed text places new failures too, still without a call.
        await rig.Engine.ReclusterAsync(null, false, default);
        Assert.Contains(rig.Embedder.Texts, t => t.StartsWith("root cause:", StringComparison.Ordinal));
        var later = Digests.Failure("card declined 9");
        await rig.IngestAsync(later);
        Assert.Equal(calls, chat.Calls);
        Assert.NotNull(rig.Failures.Find(later.TraceId)!.Value.ClusterId);
    }

    [Theory]
    [InlineData("Root cause: The agent skipped the refund step.", "The agent skipped the refund step.")]
    [InlineData("\n\n\"Quoted answer.\"\nsecond line", "Quoted answer.")]
    [InlineData("", "")]
    public void Cleans_the_reply_to_one_short_sentence(string reply, string expected) => Assert.Equal(expected, RootCause.Clean(reply));

    [Fact]
    public void Cuts_a_long_reply_to_25_words()
    {
        var cut = RootCause.Clean(string.Join(' ', Enumerable.Repeat("word", 40)));
        Assert.Equal(RootCause.MaxWords, cut.Split(' ').Length);
        Assert.EndsWith("…", cut);
    }
}

public sealed class FailureAnalystOnSqlite(SqliteEngine engine) : FailureAnalystTests(engine), IClassFixture<SqliteEngine>;

public sealed class FailureAnalystOnPostgres(PostgresEngine engine) : FailureAnalystTests(engine), IClassFixture<PostgresEngine>;
