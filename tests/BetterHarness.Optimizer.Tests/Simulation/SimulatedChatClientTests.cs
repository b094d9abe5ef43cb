using System.Text.Json;
using BetterHarness.Models.Simulated;
using BetterHarness.Optimizer.Tests.Support;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Tests.Simulation;

/// <summary>The simulated model as a plain <see cref="IChatClient"/>: what it does with a chat request and nothing else.</summary>
[Collection(EmbedderCollection.Name)]
public sealed class SimulatedChatClientTests(EmbedderFixture fixture)
{
    private static readonly AITool SearchFlights = AIFunctionFactory.CreateDeclaration("search_direct_flight",
        "Search direct flights between two cities on a specific date.", Schema("""
        {"type":"object","properties":{
          "origin":{"type":"string","description":"The origin city airport in three letters, such as 'JFK'."},
          "destination":{"type":"string","description":"The destination city airport in three letters, such as 'LAX'."},
          "date":{"type":"string","description":"The date of the flight in the format 'YYYY-MM-DD', such as '2024-01-01'."}},
         "required":["origin","destination","date"]}
        """));

    private static readonly AITool GetUser = AIFunctionFactory.CreateDeclaration("get_user_details",
        "Get the details of an user, including their reservations.", Schema("""
        {"type":"object","properties":{"user_id":{"type":"string","description":"The user id, such as 'sara_doe_496'."}},"required":["user_id"]}
        """));

    private static readonly AITool CancelReservation = AIFunctionFactory.CreateDeclaration("cancel_reservation",
        "Cancel the whole reservation.", Schema("""
        {"type":"object","properties":{"reservation_id":{"type":"string","description":"The reservation ID, such as 'ZFA04Y'."}},"required":["reservation_id"]}
        """));

    private SimulatedChatClient Client(double noise = 0) => new(fixture.Embedder, new SimulatedModelOptions { Noise = noise });

    [Fact]
    public async Task Fills_arguments_from_the_conversation_by_the_schemas_examples_and_order()
    {
        var response = await Client().GetResponseAsync([new ChatMessage(ChatRole.User, "Are there direct flights from JFK to SFO on 2024-05-20?")],
            new ChatOptions { Tools = [SearchFlights, GetUser, CancelReservation] });

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("search_direct_flight", call.Name);
        Assert.Equal("JFK", call.Arguments!["origin"]?.ToString());
        Assert.Equal("SFO", call.Arguments!["destination"]?.ToString());
        Assert.Equal("2024-05-20", call.Arguments!["date"]?.ToString());
        Assert.Equal("simulated", response.ModelId);
    }

    [Fact]
    public async Task Looks_up_what_an_action_needs_and_asks_for_what_nobody_gave()
    {
        var client = Client();
        List<ChatMessage> chat = [new(ChatRole.User, "Please cancel my upcoming trip. My user id is mia_li_3668.")];
        var options = new ChatOptions { Tools = [GetUser, CancelReservation] };
        var first = await client.GetResponseAsync(chat, options);
        Assert.True(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any(), Why(first));
        var lookup = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_user_details", lookup.Name);
        Assert.Equal("mia_li_3668", lookup.Arguments!["user_id"]?.ToString());

        chat.AddRange(first.Messages);
        chat.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(lookup.CallId, """{"user_id":"mia_li_3668","reservations":["NO6JO3"]}""")]));
        var second = await client.GetResponseAsync(chat, options);
        var cancel = Assert.Single(second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("cancel_reservation", cancel.Name);
        Assert.Equal("NO6JO3", cancel.Arguments!["reservation_id"]?.ToString());

        // Nothing in the conversation fills the id, and nothing can look it up: it asks.
        var asked = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Cancel my reservation please.")], new ChatOptions { Tools = [CancelReservation] });
        Assert.Contains("?", asked.Text);
        Assert.Empty(asked.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task The_output_token_cap_cuts_the_answer()
    {
        List<ChatMessage> chat = [new(ChatRole.System, "Never ask the user questions; state the values in your answer."),
            new(ChatRole.User, "My user id is mia_li_3668 and my reservations are NO6JO3, ZFA04Y and 8JX2WO; I fly on 2024-05-20 from JFK.")];
        var full = await Client().GetResponseAsync(chat, new ChatOptions());
        var capped = await Client().GetResponseAsync(chat, new ChatOptions { MaxOutputTokens = 8 });
        Assert.Contains("8JX2WO", full.Text);
        Assert.True(capped.Text.Length <= 32);
        Assert.Equal(ChatFinishReason.Length, capped.FinishReason);
    }

    [Fact]
    public async Task A_lower_temperature_means_less_noise_across_trial_seeds()
    {
        var client = Client(noise: 0.3);
        List<ChatMessage> chat = [new(ChatRole.User, "I want to cancel reservation ZFA04Y, and I have travel insurance for it, so I want a refund.")];
        var tools = new List<AITool> { GetUser, CancelReservation, SearchFlights };
        async Task<int> Distinct(float temperature)
        {
            var picks = new HashSet<string>();
            for (var seed = 0; seed < 40; seed++)
            {
                var r = await client.GetResponseAsync(chat, new ChatOptions { Tools = tools, Temperature = temperature, Seed = seed });
                picks.Add(r.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault()?.Name ?? "(answered)");
            }
            return picks.Count;
        }
        Assert.True(await Distinct(0) < await Distinct(2));
    }

    [Fact]
    public void Labels_itself_a_simulation()
    {
        var metadata = Client().GetService<ChatClientMetadata>();
        Assert.Equal(SimulatedChatClient.ProviderName, metadata!.ProviderName);
        Assert.Equal("simulated", metadata.DefaultModelId);
    }

    private static string Why(ChatResponse response) => $"{response.Text} — {response.AdditionalProperties?[SimulatedChatClient.WhyProperty]}";

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
