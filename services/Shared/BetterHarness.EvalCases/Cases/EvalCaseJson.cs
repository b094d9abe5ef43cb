using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetterHarness.EvalCases.Cases;

/// <summary>The JSON form of the public case schema: camelCase, nulls omitted, one case per line in exports.</summary>
public static class EvalCaseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(EvalCase evalCase) => JsonSerializer.Serialize(evalCase, Options);

    /// <summary>Reads one case; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static EvalCase Deserialize(string json)
    {
        EvalCase? evalCase;
        try { evalCase = JsonSerializer.Deserialize<EvalCase>(json, Options); }
        catch (JsonException ex) { throw new FormatException($"not an eval case: {ex.Message}", ex); }
        if (evalCase is null) throw new FormatException("not an eval case: the JSON is null");
        if (evalCase.Schema != EvalCase.SchemaVersion)
            throw new FormatException($"schema '{evalCase.Schema}' is not supported (expected '{EvalCase.SchemaVersion}')");
        if (string.IsNullOrWhiteSpace(evalCase.Id)) throw new FormatException("not an eval case: 'id' is empty");
        return evalCase;
    }

    /// <summary>
    /// Reads JSON lines (blank lines skipped). Every line is read; bad ones come back as errors with their
    /// 1-based line number so a caller can refuse the whole file and say which lines to fix.
    /// </summary>
    public static CaseLines ReadLines(TextReader reader)
    {
        var cases = new List<EvalCase>();
        var errors = new List<CaseLineError>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { cases.Add(Deserialize(line)); }
            catch (FormatException ex) { errors.Add(new CaseLineError(number, ex.Message)); }
        }
        return new CaseLines(cases, errors);
    }
}

/// <summary>The cases read from JSON lines and the lines that could not be read.</summary>
public sealed record CaseLines(IReadOnlyList<EvalCase> Cases, IReadOnlyList<CaseLineError> Errors);

public sealed record CaseLineError(int Line, string Message);
