using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Mining.Tests.Labels;

/// <summary>
/// The whole path on the embedded host: a curator's decision on a correction candidate travels curation → outbox → bus →
/// mining and becomes a <c>review</c> label of the source turn; a person's label of the same turn still wins.
/// </summary>
public sealed class ReviewVerdictLabelsTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly (string, string)[] Conversation =
    [
        ("user", "Please book me a flight to Boston on Friday."),
        ("assistant", "I booked your flight to Austin for Friday."),
        ("user", "No, I said Boston, not Austin."),
        ("assistant", "Sorry! Your flight to Boston on Friday is booked."),
        ("user", "Thanks, that's all."),
        ("assistant", "You're welcome."),
    ];

    [Fact]
    public async Task Rejecting_as_not_a_correction_stores_a_review_label_that_a_persons_label_outranks()
    {
        var (traceId, candidateId) = await CandidateInQueueAsync("travel-bot");

        (await _host.Api.PostAsJsonAsync($"/api/review/{candidateId}/reject", new { verdict = "not_a_correction" })).EnsureSuccessStatusCode();

        var review = await ReviewLabelAsync(traceId);
        Assert.False((bool)review["isCorrection"]!);
        Assert.Equal(1, (int)review["userTurn"]!);
        Assert.Equal("review-reject", (string)review["origin"]!);
        Assert.Equal("local-admin", (string)review["by"]!);
        Assert.Equal("No, I said Boston, not Austin.", (string)review["user"]!);
        var store = _host.Services.GetRequiredService<LabelStore>();
        var winning = Assert.Single(store.ForTraining("travel-bot"), l => l.TraceId == traceId);
        Assert.Equal(LabelSources.Person, winning.Source);
        Assert.True(winning.IsCorrection);
    }

    [Fact]
    public async Task Accepting_stores_a_positive_review_label()
    {
        var (traceId, candidateId) = await CandidateInQueueAsync("desk-bot");

        (await _host.Api.PostAsync($"/api/review/{candidateId}/accept", null)).EnsureSuccessStatusCode();

        var review = await ReviewLabelAsync(traceId);
        Assert.True((bool)review["isCorrection"]!);
        Assert.Equal("review-accept", (string)review["origin"]!);
        Assert.Equal("desk-bot", (string)review["agent"]!);
    }

    /// <summary>A trace whose correction a person marked (so mining proposed a candidate), once curation holds it.</summary>
    private async Task<(string TraceId, string CandidateId)> CandidateInQueueAsync(string agent)
    {
        var traceId = await ConversationTrace.SendAsync(_host, agent, Conversation);
        (await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent, traceId, userTurn = 1, isCorrection = true })).EnsureSuccessStatusCode();
        var candidates = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/candidates?trace={traceId}"))!;
        var candidateId = (string)candidates["candidates"]![0]!["id"]!;
        await Until(async () => await _host.Api.GetAsync($"/api/review/{candidateId}") is { IsSuccessStatusCode: true } r
            && (bool)(await r.Content.ReadFromJsonAsync<JsonObject>())!["fetched"]!);
        return (traceId, candidateId);
    }

    private async Task<JsonObject> ReviewLabelAsync(string traceId)
    {
        JsonObject? found = null;
        await Until(async () =>
        {
            var list = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/corrections/labels?traceId={traceId}"))!;
            found = list["labels"]!.AsArray().OfType<JsonObject>().FirstOrDefault(l => (string?)l["source"] == "review");
            return found is not null;
        });
        return found!;
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not hold within 30 s");
            await Task.Delay(100);
        }
    }
}
