using System.Net;
using System.Text;

namespace BetterHarness.Host.Load.Replay;

/// <summary>
/// POSTs one OTLP/JSON body to <c>/v1/traces</c>, retrying only what OTLP says is retryable
/// (429/502/503/504, honouring Retry-After) and transient network errors, a bounded number of times.
/// </summary>
public sealed class OtlpJsonPoster(HttpClient client, Uri tracesUri)
{
    public Uri TracesUri => tracesUri;

    public async Task<PostOutcome> PostAsync(string body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, tracesUri)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, ct);
            }
            catch (HttpRequestException ex) when (ConnectionFailure.IsUnreachable(ex))
            {
                throw ConnectionFailure.Unreachable("OTLP/HTTP endpoint", tracesUri.ToString(), "--endpoint");
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Connection reset or client timeout: the server may be restarting, so worth another go.
                if (attempt >= RetryPolicy.MaxAttempts)
                    return PostOutcome.Failed(null, $"{ex.GetType().Name}: {ex.Message}", attempt);
                await Task.Delay(RetryPolicy.Backoff(attempt), ct);
                continue;
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    var (rejected, reason) = PartialSuccess.FromJson(text);
                    return PostOutcome.Ok(rejected, reason, attempt);
                }
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    throw new CommandFailedException(
                        $"{tracesUri} refused the request ({(int)response.StatusCode}): {ServerMessage.FromJson(text)}. " +
                        "Pass --api-key with one of the keys `bh up` was started with.");
                if (RetryPolicy.IsRetryable(response.StatusCode) && attempt < RetryPolicy.MaxAttempts)
                {
                    await Task.Delay(RetryPolicy.DelayFor(response.Headers.RetryAfter, attempt), ct);
                    continue;
                }
                return PostOutcome.Failed((int)response.StatusCode, ServerMessage.FromJson(text), attempt);
            }
        }
    }
}
