using System.Diagnostics;
using System.Text;

namespace BetterHarness.Integration.Tests;

/// <summary>The real `bh` binary as a child process (the test output holds bh.dll), with its output captured.</summary>
public sealed class BhProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BhProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>
    /// A queue prefix of the test's own, so its queues are never an earlier run's: the shared broker may still hold those,
    /// declared as another queue type (classic), which a quorum declaration is refused against.
    /// </summary>
    public static Dictionary<string, string> OwnQueues() => new() { ["BetterHarness__QueuePrefix"] = "t" + Guid.NewGuid().ToString("N")[..8] };

    public static BhProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts bh with extra environment variables (configuration such as <c>BetterHarness__QueuePrefix</c>).</summary>
    public static BhProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bh.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var bh = new BhProcess(Process.Start(info)!);
        bh._process.OutputDataReceived += (_, e) => bh.Append(e.Data);
        bh._process.ErrorDataReceived += (_, e) => bh.Append(e.Data);
        bh._process.BeginOutputReadLine();
        bh._process.BeginErrorReadLine();
        return bh;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async Task WaitHealthyAsync(int apiPort)
    {
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        // Generous: `bh up` hosts six modules (MiniLM, ML.NET models, six stores) and CI machines are shared.
        for (var i = 0; i < 900; i++)
        {
            if (_process.HasExited) throw new InvalidOperationException("bh exited early:\n" + Output);
            try { if ((await api.GetAsync("/health")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("bh did not become healthy in 90 s:\n" + Output);
    }

    /// <summary>Waits for a command that ends by itself (replay, clusters…); returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"bh did not exit within {timeout}:\n" + Output); }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no graceful shutdown, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
