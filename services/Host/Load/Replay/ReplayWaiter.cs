using System.Diagnostics;
using Spectre.Console;

namespace BetterHarness.Host.Load.Replay;

/// <summary>
/// Runs the wait stages one after another, polling each about once a second, under one overall timeout.
/// Returns false (after saying what is still pending) when the timeout passes.
/// </summary>
public sealed class ReplayWaiter(IReadOnlyList<IReplayWaitStage> stages, TimeSpan timeout)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task<bool> WaitAsync(IReadOnlyList<string> traceIds, CancellationToken ct)
    {
        if (traceIds.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]No trace ids were accepted, so there is nothing to wait for.[/]");
            return true;
        }
        var clock = Stopwatch.StartNew();
        WaitProgress? unfinished = null;
        IReplayWaitStage? unfinishedStage = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                foreach (var stage in stages)
                {
                    var task = context.AddTask(stage.Description, maxValue: traceIds.Count);
                    while (true)
                    {
                        var progress = await stage.PollAsync(traceIds, ct);
                        task.MaxValue = progress.Total;
                        task.Value = progress.Done;
                        if (progress.IsComplete) break;
                        if (clock.Elapsed >= timeout)
                        {
                            (unfinished, unfinishedStage) = (progress, stage);
                            return;
                        }
                        await Task.Delay(PollInterval, ct);
                    }
                }
            });
        if (unfinished is not { } p)
        {
            AnsiConsole.MarkupLine($"[green]All {traceIds.Count:N0} traces done[/] after {clock.Elapsed.TotalSeconds:F1} s.");
            return true;
        }
        AnsiConsole.MarkupLine(
            $"[red]Timed out after {timeout.TotalSeconds:F0} s waiting for {Markup.Escape(unfinishedStage!.Description)}:[/] " +
            $"{p.Total - p.Done:N0} of {p.Total:N0} still pending (e.g. {string.Join(", ", p.PendingSample)}). " +
            "Check the `bh up` log for errors, or raise --timeout if the server is just busy.");
        return false;
    }
}
