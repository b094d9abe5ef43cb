using System.Text.Json;
using BetterHarness.Tools.Load;

namespace BetterHarness.Tools.Commands;

/// <summary>A labels file (<c>*.labels.jsonl</c>): one JSON object per line keyed by <c>traceId</c>.</summary>
public sealed record QualityLabels(IReadOnlyDictionary<string, string> Label, IReadOnlyDictionary<string, string> Reason)
{
    public static QualityLabels Read(string path, string labelField, string? reasonField)
    {
        if (!File.Exists(path)) throw new CommandFailedException($"Labels file '{path}' does not exist.");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            if (!doc.RootElement.TryGetProperty("traceId", out var id) || id.GetString() is not { } traceId)
                throw new CommandFailedException($"{path}:{lineNumber} has no traceId.");
            traceId = traceId.ToLowerInvariant();
            if (doc.RootElement.TryGetProperty(labelField, out var label) && label.ValueKind != JsonValueKind.Null)
                labels[traceId] = label.ValueKind == JsonValueKind.String ? label.GetString()! : label.GetRawText();
            if (reasonField is not null && doc.RootElement.TryGetProperty(reasonField, out var reason) && reason.ValueKind == JsonValueKind.String)
                reasons[traceId] = reason.GetString()!;
        }
        if (labels.Count == 0)
            throw new CommandFailedException($"No line of {path} has the field '{labelField}'; pass --label-field with one that exists.");
        return new QualityLabels(labels, reasons);
    }
}
