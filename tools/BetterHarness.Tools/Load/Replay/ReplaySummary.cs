using System.Diagnostics;
using Spectre.Console;

namespace BetterHarness.Tools.Load.Replay;

/// <summary>Totals of a replay, filled concurrently by the senders and printed once at the end.</summary>
public sealed class ReplaySummary
{
    private const int FailuresShown = 5;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(ReplayLine Line, PostOutcome Outcome)> _failures = [];
    private readonly List<string> _acceptedTraceIds = [];
    private string? _firstRejectionReason;

    public int Ok { get; private set; }
    public int Failed { get; private set; }
    public long SpansSent { get; private set; }
    public long SpansRejected { get; private set; }
    public int Retries { get; private set; }

    /// <summary>Trace ids of the lines the server accepted: the only ones worth waiting for.</summary>
    public IReadOnlyList<string> AcceptedTraceIds { get { lock (_lock) return _acceptedTraceIds.Distinct().ToArray(); } }

    public void Record(ReplayLine line, PostOutcome outcome)
    {
        lock (_lock)
        {
            Retries += outcome.Attempts - 1;
            if (!outcome.Accepted)
            {
                Failed++;
                _failures.Add((line, outcome));
                return;
            }
            Ok++;
            SpansSent += line.SpanCount;
            SpansRejected += outcome.RejectedSpans;
            _firstRejectionReason ??= outcome.Message;
            _acceptedTraceIds.AddRange(line.TraceIds);
        }
    }

    public void Print(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("replay").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("requests ok", Ok.ToString("N0"));
        table.AddRow(Failed > 0 ? "[red]requests failed[/]" : "requests failed", Failed.ToString("N0"));
        table.AddRow("spans sent", SpansSent.ToString("N0"));
        table.AddRow(SpansRejected > 0 ? "[yellow]spans rejected[/]" : "spans rejected", SpansRejected.ToString("N0"));
        table.AddRow("retries", Retries.ToString("N0"));
        table.AddRow("elapsed", $"{_clock.Elapsed.TotalSeconds:F1} s");
        console.Write(table);
        if (_firstRejectionReason is not null)
            console.MarkupLine($"[yellow]First rejection reason:[/] {Markup.Escape(_firstRejectionReason)}");
        foreach (var (line, outcome) in _failures.OrderBy(f => f.Line.Number).Take(FailuresShown))
        {
            var status = outcome.Status is { } s ? $"HTTP {s}" : "no response";
            console.MarkupLine($"[red]line {line.Number}[/] ({status} after {outcome.Attempts} attempt(s)): {Markup.Escape(outcome.Message ?? "")}");
        }
        if (_failures.Count > FailuresShown)
            console.MarkupLine($"[red]… and {_failures.Count - FailuresShown} more failed line(s).[/]");
    }
}
