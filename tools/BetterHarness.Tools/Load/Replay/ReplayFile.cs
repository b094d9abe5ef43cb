namespace BetterHarness.Tools.Load.Replay;

/// <summary>Reads an OTLP/JSON lines file: one ExportTraceServiceRequest per line, blank lines skipped.</summary>
public static class ReplayFile
{
    public static IReadOnlyList<ReplayLine> Read(string path)
    {
        if (!File.Exists(path))
            throw new CommandFailedException(
                $"File not found: {Path.GetFullPath(path)}. Pass an .otlp.jsonl file with one OTLP/JSON export request per line.");
        var lines = new List<ReplayLine>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            lines.Add(ReplayLine.Parse(number, text));
        }
        if (lines.Count == 0)
            throw new CommandFailedException($"{path} has no requests in it (every line is blank). Nothing to replay.");
        return lines;
    }
}
