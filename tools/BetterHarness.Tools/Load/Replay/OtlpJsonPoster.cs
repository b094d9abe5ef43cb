using System.Net;
using System.Text;

namespace BetterHarness.Tools.Load.Replay;

/// <summary>
/// POSTs one OTLP/JSON body to <c>/v1/traces</c>, retrying only what OTLP says is retryable
/// (429/502/503/504, honouring Retry-After) a bounded number of times, and network errors (refused, reset,
/// timed out) for as long as <see cref="ServerOutage"/> allows once the server has been reached: a restart of the
/// server mid-replay is waited out.
/// </summary>
public sealed class OtlpJsonPoster(HttpClient client, Uri tracesUri, ServerOutage outage)
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
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Refused, reset or timed out: the server may be restarting, so wait for it (bounded in total).
                if (await outage.WaitToRetryAsync(attempt, ct)) continue;
                if (!outage.EverReached && ConnectionFailure.IsUnreachable(ex))
                    throw ConnectionFailure.Unreachable("OTLP/HTTP endpoint", tracesUri.ToString(), "--endpoint");
                if (!outage.EverReached && attempt < RetryPolicy.MaxAttempts)
                {
                    await Task.Delay(RetryPolicy.Backoff(attempt), ct);
                    continue;
                }
                return PostOutcome.Failed(null, outage.EverReached
                    ? $"server unreachable for {outage.MaxWait.TotalSeconds:F0} s: {ex.GetType().Name}: {ex.Message}"
                    : $"{ex.GetType().Name}: {ex.Message}", attempt);
            }
            outage.Reached();
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
