using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Mining.Tests.Host;

/// <summary>The real host (every module, shipped model, MiniLM) over sockets.</summary>
public sealed class ClassifyEndpointTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> Classify(string assistant, string user)
    {
        var response = await _host.Api.PostAsJsonAsync("/api/corrections/classify", new { assistant, user });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Fact]
    public async Task Explicit_correction_of_the_agent_is_classified_as_a_correction()
    {
        var result = await Classify("I booked your flight to Austin for Friday.", "You got it wrong. I said Boston, not Austin.");

        Assert.True((bool)result["isCorrection"]!);
        Assert.InRange((double)result["score"]!, 0.5, 1.0);
    }

    [Fact]
    public async Task Confirming_the_agent_is_not_a_correction()
    {
        var result = await Classify("Shall I book flight HAT083 for $100?", "Yes, please go ahead and book it. Thank you!");

        Assert.False((bool)result["isCorrection"]!);
        Assert.InRange((double)result["score"]!, 0.0, 0.5);
    }

    [Fact]
    public async Task Missing_user_turn_is_a_bad_request()
    {
        var response = await _host.Api.PostAsJsonAsync("/api/corrections/classify", new { assistant = "hi" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
