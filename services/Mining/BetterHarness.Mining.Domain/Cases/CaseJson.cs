using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>The JSON form of the public case schema: camelCase, nulls omitted, one case per line in exports.</summary>
public static class CaseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(EvalCase evalCase) => JsonSerializer.Serialize(evalCase, Options);

    /// <summary>Reads one exported line; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static EvalCase Deserialize(string line)
    {
        EvalCase? evalCase;
        try { evalCase = JsonSerializer.Deserialize<EvalCase>(line, Options); }
        catch (JsonException ex) { throw new FormatException($"not an eval case: {ex.Message}", ex); }
        if (evalCase is null) throw new FormatException("not an eval case: empty line");
        if (evalCase.Schema != EvalCase.SchemaVersion)
            throw new FormatException($"schema '{evalCase.Schema}' is not supported (expected '{EvalCase.SchemaVersion}')");
        return evalCase;
    }
}
