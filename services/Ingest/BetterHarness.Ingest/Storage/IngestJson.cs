using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetterHarness.Ingest.Storage;

/// <summary>JSON settings for stored documents and API responses: camelCase, nulls omitted.</summary>
public static class IngestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
