using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace BetterHarness.Tools.Load.Replay;

/// <summary>
/// Waits until the API reports every trace as <c>"state":"completed"</c>, i.e. assembled, normalised and
/// checked for failure signals. A 404 means "not stored yet" and is simply asked again.
/// </summary>
public sealed class TraceCompletionStage(HttpClient api) : IReplayWaitStage
{
    private readonly ConcurrentDictionary<string, bool> _completed = new(StringComparer.Ordinal);

    public string Description => "traces completed";

    public async Task<WaitProgress> PollAsync(IReadOnlyList<string> traceIds, CancellationToken ct)
    {
        var pending = traceIds.Where(id => !_completed.ContainsKey(id)).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(pending, options, async (id, token) =>
        {
            if (await IsCompletedAsync(id, token)) _completed.TryAdd(id, true);
        });
        var stillPending = traceIds.Where(id => !_completed.ContainsKey(id)).Take(5).ToArray();
        return new WaitProgress(_completed.Count, traceIds.Count, stillPending);
    }

    private async Task<bool> IsCompletedAsync(string traceId, CancellationToken ct)
    {
        var uri = new Uri(api.BaseAddress!, $"api/traces/{traceId}");
        HttpResponseMessage response;
        try
        {
            response = await api.GetAsync(uri, ct);
        }
        catch (HttpRequestException ex) when (ConnectionFailure.IsUnreachable(ex))
        {
            throw ConnectionFailure.Unreachable("API", api.BaseAddress!.ToString(), "--api");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new CommandFailedException(
                    $"The API at {api.BaseAddress} refused the request ({(int)response.StatusCode}): {ServerMessage.FromJson(body)}. Pass --api-key.");
            // Anything else unexpected (a 5xx while the server is busy) is just "not yet": the deadline bounds it.
            if (!response.IsSuccessStatusCode) return false;
            return IsCompletedJson(body);
        }
    }

    private static bool IsCompletedJson(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("state", out var state)
                && state.ValueKind == JsonValueKind.String && state.GetString() == "completed";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
