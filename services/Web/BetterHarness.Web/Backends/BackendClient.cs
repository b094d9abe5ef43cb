using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BetterHarness.Web.Backends;

/// <summary>
/// What every typed client shares: GET/POST JSON against one service, 404 as null, a refusal (other 4xx) as a
/// <see cref="BackendRefusedException"/>, any other failure as a <see cref="BackendUnavailableException"/> naming the
/// service (pages show either instead of a stack trace).
/// </summary>
public abstract class BackendClient(HttpClient http, string service)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected HttpClient Http => http;

    protected async Task<T?> GetAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    protected async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new BackendUnavailableException(service, http.BaseAddress!, ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new BackendUnavailableException(service, http.BaseAddress!, $"no answer within {http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    protected async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        var code = (int)response.StatusCode;
        if (code is >= 400 and < 500 and not 401 and not 408 and not 429)
            throw new BackendRefusedException(service, code, (string?)ParseObject(body)?["error"]
                ?? (body.Length > 300 ? body[..300] + "…" : body.Length > 0 ? body : response.ReasonPhrase ?? "refused"));
        throw new BackendUnavailableException(service, http.BaseAddress!,
            $"{(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 300 ? body[..300] + "…" : body)}");
    }

    /// <summary>POSTs JSON; a refusal the user can act on (400, 403, 404, 409, 422) comes back as a message, anything else is unavailability.</summary>
    protected async Task<WriteResult> PostJsonAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        }, ct);
        var code = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        var json = ParseObject(text);
        if (response.IsSuccessStatusCode) return new WriteResult(true, code, json, null);
        if (code is 400 or 403 or 404 or 409 or 422) return new WriteResult(false, code, json, (string?)json?["error"] ?? response.ReasonPhrase);
        await EnsureSuccessAsync(response, ct);
        return new WriteResult(false, code, null, response.ReasonPhrase);
    }

    /// <summary>This service's audit log at <paramref name="path"/> (every service serves its own; <c>/audit</c> merges them).</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string path, AuditFilter filter, CancellationToken ct)
    {
        var list = await GetAsync<AuditList>(filter.Query(path), ct);
        return [.. (list?.Entries ?? []).Select(e => e with { Service = service })];
    }

    private static JsonObject? ParseObject(string text)
    {
        try { return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
    }
}
