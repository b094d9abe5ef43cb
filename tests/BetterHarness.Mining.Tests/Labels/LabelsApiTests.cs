using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Mining.Tests.Labels;

/// <summary>The labels API on the real host: a trace mining never received is read from ingest's API.</summary>
public sealed class LabelsApiTests : IAsyncLifetime
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
    public async Task Label_on_a_trace_mining_never_saw_resolves_the_pair_from_ingest_and_is_listed_per_agent()
    {
        var traceId = await ConversationTrace.SendAsync(_host, "travel-bot", Conversation);

        var response = await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent = "travel-bot", traceId, userTurn = 1, isCorrection = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var label = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("I booked your flight to Austin for Friday.", (string?)label["assistant"]);
        Assert.Equal("No, I said Boston, not Austin.", (string?)label["user"]);
        Assert.Equal("person", (string?)label["source"]);
        Assert.False(string.IsNullOrEmpty((string?)label["by"]));

        await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent = "travel-bot", traceId, userTurn = 2, isCorrection = false });
        var list = (await _host.Api.GetFromJsonAsync<JsonObject>("/api/corrections/labels?agent=travel-bot"))!;
        Assert.Equal(2, (int)list["count"]!);
        Assert.Equal(1, (int)list["positives"]!);
        var other = (await _host.Api.GetFromJsonAsync<JsonObject>("/api/corrections/labels?agent=someone-else"))!;
        Assert.Equal(0, (int)other["count"]!);
    }

    [Fact]
    public async Task Labelling_a_turn_again_replaces_the_earlier_label()
    {
        var traceId = await ConversationTrace.SendAsync(_host, "travel-bot", Conversation);

        await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent = "travel-bot", traceId, userTurn = 2, isCorrection = true });
        await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent = "travel-bot", traceId, userTurn = 2, isCorrection = false });

        var list = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/corrections/labels?traceId={traceId}"))!;
        var only = Assert.Single(list["labels"]!.AsArray());
        Assert.False((bool)only!["isCorrection"]!);
    }

    [Fact]
    public async Task A_correction_the_detector_missed_becomes_a_candidate_once()
    {
        var traceId = await ConversationTrace.SendAsync(_host, "travel-bot", Conversation);

        await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent = "travel-bot", traceId, userTurn = 1, isCorrection = true });
        await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent = "travel-bot", traceId, userTurn = 1, isCorrection = true });

        var candidates = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/candidates?trace={traceId}"))!;
        Assert.Equal(1, (int)candidates["count"]!);
        var id = (string)candidates["candidates"]![0]!["id"]!;
        var evalCase = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/candidates/{id}"))!;
        Assert.Equal("No, I said Boston, not Austin.", (string?)evalCase["expected"]!["correction"]);
    }

    [Theory]
    [InlineData("""{"traceId": "00000000000000000000000000000001", "userTurn": 0, "isCorrection": true}""", "agent")]
    [InlineData("""{"agent": "a", "traceId": "xyz", "userTurn": 0, "isCorrection": true}""", "traceId")]
    [InlineData("""{"agent": "a", "traceId": "00000000000000000000000000000001", "userTurn": -1, "isCorrection": true}""", "userTurn")]
    [InlineData("""{"agent": "a", "traceId": "00000000000000000000000000000001", "userTurn": 0, "isCorrection": "yes"}""", "isCorrection")]
    [InlineData("""[1, 2]""", "body must be")]
    [InlineData("""{"agent": """, "JSON")]
    public async Task Bad_label_requests_are_400_with_the_reason(string body, string reason)
    {
        var response = await _host.Api.PostAsync("/api/corrections/labels", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_trace_is_404_and_a_turn_past_the_end_is_400()
    {
        var unknown = await _host.Api.PostAsJsonAsync("/api/corrections/labels",
            new { agent = "a", traceId = "0123456789abcdef0123456789abcdef", userTurn = 0, isCorrection = true });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var traceId = await ConversationTrace.SendAsync(_host, "travel-bot", Conversation);
        var past = await _host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent = "a", traceId, userTurn = 3, isCorrection = true });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("3 user messages", await past.Content.ReadAsStringAsync());
    }
}
