using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>Short HTTP helpers: send JSON, assert the status, read the JSON answer.</summary>
public static class Http
{
    public static async Task<JsonObject> Send(this HttpClient http, HttpMethod method, string path, object? body = null,
        HttpStatusCode expect = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string text) request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expect, $"{method} {path}: expected {(int)expect}, got {(int)response.StatusCode}: {content}");
        return content.Length == 0 ? [] : JsonNode.Parse(content) as JsonObject ?? new JsonObject { ["lines"] = content };
    }

    public static Task<JsonObject> Get(this HttpClient http, string path, HttpStatusCode expect = HttpStatusCode.OK) =>
        http.Send(HttpMethod.Get, path, null, expect);

    public static Task<JsonObject> Post(this HttpClient http, string path, object? body = null, HttpStatusCode expect = HttpStatusCode.OK) =>
        http.Send(HttpMethod.Post, path, body, expect);

    public static async Task<List<JsonObject>> Lines(this HttpClient http, string path)
    {
        var text = await http.GetStringAsync(path);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PostLines(this HttpClient http, string path, IEnumerable<string> lines)
    {
        using var response = await http.PostAsync(path, new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
