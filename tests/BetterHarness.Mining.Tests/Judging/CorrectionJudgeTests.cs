using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Tools.Load;
using BetterHarness.Mining.Domain.Judging;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Judging;
using BetterHarness.Mining.Labels;
using BetterHarness.Mining.Processing;
using BetterHarness.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static BetterHarness.Mining.Tests.Digests;

namespace BetterHarness.Mining.Tests.Judging;

/// <summary>The optional correction judge over the real HTTP path of a configured OpenAI-compatible model (a local server).</summary>
public sealed class CorrectionJudgeTests
{
    private static Dictionary<string, string?> Settings(LocalChatServer stub, string scope = "all", string? budget = null) => new()
    {
        ["BetterHarness:Models:local-judge:Kind"] = "openai",
        ["BetterHarness:Models:local-judge:BaseUrl"] = stub.BaseUrl.ToString(),
        ["BetterHarness:Models:local-judge:Model"] = "tiny-judge",
        ["BetterHarness:Models:local-judge:MaxRetries"] = "1",
        ["BetterHarness:Mining:Judge:Model"] = "local-judge",
        ["BetterHarness:Mining:Judge:Scope"] = scope,
        ["BetterHarness:Mining:Judge:PollInterval"] = "01:00:00",
        ["BetterHarness:Mining:Judge:RetryDelay"] = "01:00:00",
        ["BetterHarness:Mining:Judge:MaxTokensPerDay"] = budget ?? "200000",
    };

    private static TraceDigest Conversation(string agent, string correction) => Digest([
        User("Book me a flight to Boston on Friday."),
        Agent("I booked your flight to Austin for Friday."),
        User(correction),
        Agent("Done."),
    ]) with { AgentName = agent, CompletedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task Judges_scored_turns_records_the_verdict_with_its_model_asks_a_prompt_once_and_never_overrules_a_person()
    {
        await using var stub = await LocalChatServer.StartAsync("Yes.", promptTokens: 90, completionTokens: 1);
        await using var host = await IngestHost.StartAsync(settings: Settings(stub));
        var agent = "judge-" + Guid.NewGuid().ToString("N")[..6];
        var miner = host.Services.GetRequiredService<CandidateMiner>();
        var judge = host.Services.GetRequiredService<CorrectionJudge>();
        var first = Conversation(agent, "Hmm, Boston, like I wrote.");
        var same = Conversation(agent, "Hmm, Boston, like I wrote.");
        var personal = Conversation(agent, "Boston is what I typed.");
        miner.Mine(first);
        miner.Mine(same);
        miner.Mine(personal);
        host.Services.GetRequiredService<LabelStore>().Save(new CorrectionLabel(agent, personal.TraceId, 1, false, LabelSources.Person, LabelOrigins.Trace,
            "ana", "curator", null, null, "I booked your flight to Austin for Friday.", "Boston is what I typed.", DateTimeOffset.UtcNow), null);

        var pass = await judge.RunOnceAsync(CancellationToken.None);

        // Each conversation has two user turns; the person's turn is skipped, the repeated pair is answered from the cache.
        Assert.Equal(1, pass.SkippedByPerson);
        Assert.True(pass.CacheHits >= 1, $"{pass}");
        Assert.Equal(stub.Answered, pass.Calls);
        var labels = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/corrections/labels?traceId={first.TraceId}"))!["labels"]!.AsArray();
        var verdict = Assert.Single(labels, l => (int)l!["userTurn"]! == 1)!;
        Assert.Equal("judge", (string)verdict["source"]!);
        Assert.Equal("local-judge", (string)verdict["by"]!);
        Assert.True((bool)verdict["isCorrection"]!);
        var training = host.Services.GetRequiredService<LabelStore>().ForTraining(agent);
        Assert.Contains(training, l => l.TraceId == personal.TraceId && l.UserTurn == 1 && l.Source == LabelSources.Person && !l.IsCorrection);
        Assert.DoesNotContain(training, l => l.TraceId == personal.TraceId && l.UserTurn == 1 && l.Source == LabelSources.Judge);
        var request = stub.Requests[0].ToJsonString();
        Assert.Contains("a correction? (yes/no)", request);

        var again = await judge.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, again.Calls + again.CacheHits);
    }

    [Fact]
    public async Task An_answer_that_is_neither_yes_nor_no_backs_off_and_the_band_leaves_confident_turns_alone()
    {
        await using var stub = await LocalChatServer.StartAsync("It depends.", promptTokens: 90, completionTokens: 3);
        await using var host = await IngestHost.StartAsync(settings: Settings(stub, scope: "band"));
        var agent = "judge-" + Guid.NewGuid().ToString("N")[..6];
        var options = host.Services.GetRequiredService<IOptions<JudgeOptions>>().Value;
        var digest = Conversation(agent, "No, I said Boston, not Austin!");
        host.Services.GetRequiredService<CandidateMiner>().Mine(digest);
        var queued = host.Services.GetRequiredService<JudgeStore>().Due(long.MaxValue, 100).Where(t => t.Agent == agent).ToList();
        Assert.All(queued, t => Assert.InRange(t.Score, options.BandLow, options.BandHigh));

        // A turn in the band, whatever the shipped model says about the text above.
        host.Services.GetRequiredService<JudgeStore>().Offer([new JudgeTurn(agent, digest.TraceId, 0, 0.5, null, null, "", "Book me a flight to Boston on Friday.", 0)],
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var pass = await host.Services.GetRequiredService<CorrectionJudge>().RunOnceAsync(CancellationToken.None);

        Assert.True(pass.Failed);
        Assert.Empty(host.Services.GetRequiredService<LabelStore>().List(agent, null, LabelSources.Judge));
        // The failed turn waits RetryDelay (an hour here): the next pass does not ask again.
        var answered = stub.Answered;
        await host.Services.GetRequiredService<CorrectionJudge>().RunOnceAsync(CancellationToken.None);
        Assert.True(stub.Answered - answered <= queued.Count, "only the other queued turns may be asked");
    }

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("no.", false)]
    [InlineData(" NO", false)]
    [InlineData("maybe", null)]
    [InlineData("", null)]
    public void Parses_the_first_word(string answer, bool? expected) => Assert.Equal(expected, JudgePrompt.Parse(answer));

    [Fact]
    public async Task Refuses_to_start_with_a_model_that_is_not_configured_or_a_band_upside_down()
    {
        var missing = await Assert.ThrowsAsync<OptionsValidationException>(() => IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Mining:Judge:Model"] = "nowhere",
        }));
        Assert.Contains("BetterHarness:Models:nowhere is not configured", missing.Message);
        var band = await Assert.ThrowsAsync<OptionsValidationException>(() => IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Mining:Judge:BandLow"] = "0.9",
            ["BetterHarness:Mining:Judge:BandHigh"] = "0.1",
        }));
        Assert.Contains("BandLow", band.Message);
    }
}
