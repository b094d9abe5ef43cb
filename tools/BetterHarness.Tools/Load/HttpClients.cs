namespace BetterHarness.Tools.Load;

/// <summary>HttpClients for talking to a BetterHarness server, with the API key on every request when given.</summary>
public static class HttpClients
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static HttpClient Create(Uri baseAddress, string? apiKey, int maxConnections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
        if (!string.IsNullOrEmpty(apiKey)) client.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        return client;
    }

    /// <summary>Parses an http(s) base address; a path is kept and given a trailing slash so relative URIs append to it.</summary>
    public static Uri ParseBase(string value, string option)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CommandFailedException($"{option} '{value}' is not an http:// or https:// address, e.g. http://127.0.0.1:4318.");
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}
