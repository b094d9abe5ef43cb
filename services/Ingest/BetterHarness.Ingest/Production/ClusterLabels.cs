using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Ingest.Production;

/// <summary>
/// Cluster labels (a sentence) and their terms from clustering's API (<c>GET /api/clusters/{id}</c>): ingest never reads clustering's store. Base URL
/// <c>BetterHarness:Ingest:ClusteringBaseUrl</c>, embedded default = this host's API listener. A label that cannot be
/// read is left empty rather than failing the comparison.
/// </summary>
public sealed class ClusterLabels(HttpClient http, ILogger<ClusterLabels> logger)
{
    public async Task<IReadOnlyDictionary<string, ClusterName>> LabelsAsync(IEnumerable<string> clusterIds, CancellationToken ct)
    {
        var labels = new Dictionary<string, ClusterName>(StringComparer.Ordinal);
        foreach (var id in clusterIds.Distinct(StringComparer.Ordinal))
        {
            try
            {
                using var response = await http.GetAsync($"api/clusters/{Uri.EscapeDataString(id)}?members=0", ct);
                if (!response.IsSuccessStatusCode) continue;
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                if (body.TryGetProperty("cluster", out var cluster) && cluster.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String)
                    labels[id] = new ClusterName(label.GetString()!, cluster.TryGetProperty("terms", out var terms) && terms.ValueKind == JsonValueKind.Array
                        ? [.. terms.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)] : []);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                logger.LogWarning("Cluster labels: clustering's API at {Url} did not answer ({Error})", http.BaseAddress, ex.Message);
                break;
            }
        }
        return labels;
    }
}

/// <summary>A cluster's label (a sentence) and the terms that set it apart.</summary>
public sealed record ClusterName(string Label, IReadOnlyList<string> Terms);
