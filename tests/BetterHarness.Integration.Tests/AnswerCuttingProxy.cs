using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// A loopback HTTP/1.1 proxy in front of one service that, once armed with <see cref="CutTheAnswerTo"/>, lets the next
/// request whose first bytes contain a marker through and cuts the connection as soon as the service's answer starts:
/// the service did the work and committed it, the client in front (the web gateway) hears a broken answer and says 502 —
/// what a curator saw in the crash test. Everything else passes through untouched.
/// </summary>
public sealed class AnswerCuttingProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private string? _armed;
    private int _cut;

    public AnswerCuttingProxy(int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Answers cut so far.</summary>
    public int Cut => Volatile.Read(ref _cut);

    /// <summary>Cuts the answer to the next request that contains <paramref name="marker"/> (e.g. its request line).</summary>
    public void CutTheAnswerTo(string marker) => Volatile.Write(ref _armed, marker);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(_target, _stop.Token); }
            catch (Exception)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            var connection = new Connection(inbound, outbound);
            _ = RequestsAsync(connection);
            _ = AnswersAsync(connection);
        }
    }

    private async Task RequestsAsync(Connection c)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await c.Client.GetStream().ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (Volatile.Read(ref _armed) is { } marker && Encoding.ASCII.GetString(buffer, 0, n).Contains(marker, StringComparison.Ordinal)
                    && Interlocked.CompareExchange(ref _armed, null, marker) == marker)
                    c.CutNextAnswer = true;
                await c.Service.GetStream().WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception) { /* a closed side ends the pump */ }
        c.Dispose();
    }

    private async Task AnswersAsync(Connection c)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await c.Service.GetStream().ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (c.CutNextAnswer)
                {
                    // A few bytes of the status line, then nothing: the client has started to hear an answer, so it cannot
                    // quietly send the request again on another connection, and it gives up on a malformed one.
                    await c.Client.GetStream().WriteAsync(buffer.AsMemory(0, Math.Min(n, 6)), _stop.Token);
                    Interlocked.Increment(ref _cut);
                    break;
                }
                await c.Client.GetStream().WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception) { /* a closed side ends the pump */ }
        c.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Connection(TcpClient client, TcpClient service) : IDisposable
    {
        public TcpClient Client { get; } = client;
        public TcpClient Service { get; } = service;
        public bool CutNextAnswer { get; set; }

        public void Dispose()
        {
            Client.Dispose();
            Service.Dispose();
        }
    }
}
