using System.Text.Json;

namespace BetterHarness.Mining.Domain.Detection;

internal static class ModelJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
