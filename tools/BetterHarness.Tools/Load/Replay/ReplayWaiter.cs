using System.Diagnostics;
using Spectre.Console;

namespace BetterHarness.Tools.Load.Replay;

/// <summary>
/// Runs the wait stages one after another, polling each about once a second, under one overall timeout. A stage
/// that cannot be waited for (its service is not at the given address) is named as not waited for, never skipped
/// silently. A server that stops answering after it was reached (a restart) is polled again until the deadline.
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
        var skipped = new List<(IReplayWaitStage Stage, string Reason)>();
        var active = new List<IReplayWaitStage>();
        foreach (var stage in stages)
        {
            if (await stage.SkipReasonAsync(ct) is { } reason) skipped.Add((stage, reason));
            else active.Add(stage);
        }
        foreach (var (stage, reason) in skipped)
            AnsiConsole.MarkupLine($"[yellow]Not waiting for {Markup.Escape(stage.Description)}:[/] {Markup.Escape(reason)}");
        WaitProgress? unfinished = null;
        IReplayWaitStage? unfinishedStage = null;
        var reached = false;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                foreach (var stage in active)
                {
                    var task = context.AddTask(stage.Description, maxValue: traceIds.Count);
                    var progress = new WaitProgress(0, traceIds.Count, traceIds.Take(5).ToArray());
                    while (true)
                    {
                        try
                        {
                            progress = await stage.PollAsync(traceIds, ct);
                            reached = true;
                        }
                        // The server went away after answering (restarting): ask again until the deadline.
                        catch (CommandFailedException ex) when (ex.ServerUnreachable && reached) { }
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
            var done = string.Join(", ", active.Select(s => s.Description));
            AnsiConsole.MarkupLine($"[green]All {traceIds.Count:N0} traces done[/] ({Markup.Escape(done)}) after {clock.Elapsed.TotalSeconds:F1} s.");
            if (skipped.Count > 0)
                AnsiConsole.MarkupLine($"[yellow]Not waited for:[/] {Markup.Escape(string.Join(", ", skipped.Select(s => s.Stage.Description)))}.");
            return true;
        }
        AnsiConsole.MarkupLine(
            $"[red]Timed out after {timeout.TotalSeconds:F0} s waiting for {Markup.Escape(unfinishedStage!.Description)}:[/] " +
            $"{p.Total - p.Done:N0} of {p.Total:N0} still pending (e.g. {string.Join(", ", p.PendingSample)}). " +
            "Check the `bh up` log for errors, or raise --timeout if the server is just busy.");
        return false;
    }
}
