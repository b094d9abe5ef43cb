using System.Data.Common;
using System.Threading.Channels;
using BetterHarness.ServiceDefaults.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using Npgsql;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// The single writer of the span store. Requests queue their validated spans here and are acknowledged
/// only once their transaction commits. Concurrent requests share one transaction (group commit), which
/// is what makes durable ingest fast on SQLite: the cost of a commit is paid once per group, not per request. On
/// PostgreSQL each replica has one such writer, and the group is one binary COPY.
/// </summary>
public sealed class SpanWriter(IngestDatabase database, ILogger<SpanWriter> logger) : BackgroundService
{
    private const int MaxItemsPerCommit = 50_000;
    private readonly Channel<WriteJob> _jobs = Channel.CreateUnbounded<WriteJob>(
        new UnboundedChannelOptions { SingleReader = true });

    // Counted by hand: a single-reader unbounded channel cannot count its items.
    private int _queued;
    private (DbConnection Connection, ISpanBatchWriter Writer)? _session;

    /// <summary>Requests waiting for a commit.</summary>
    public int QueueDepth => Volatile.Read(ref _queued);

    /// <summary>Stores the spans; completes when they are committed, with the number newly stored.</summary>
    public Task<int> WriteAsync(ExportTraceServiceRequest request, int spanCount) => Enqueue(PreparedRequest.From(request), spanCount);

    /// <summary>Stores the request's GenAI events (its other records are skipped); completes when they are
    /// committed, with the number newly stored. They share the spans' transactions and trace bookkeeping.</summary>
    public Task<int> WriteAsync(ExportLogsServiceRequest request, int eventCount) => Enqueue(PreparedRequest.From(request), eventCount);

    /// <summary>Queues rows already prepared (grouped, hashed, compressed) on the caller's thread: the writer only inserts.</summary>
    private Task<int> Enqueue(PreparedRequest request, int itemCount)
    {
        var job = new WriteJob(request, itemCount);
        Interlocked.Increment(ref _queued);
        if (!_jobs.Writer.TryWrite(job))
        {
            Interlocked.Decrement(ref _queued);
            throw new StoreUnavailableException("the span store is shutting down");
        }
        return job.Completion.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain: every request already queued is committed before the process exits.
        _jobs.Writer.TryComplete();
        if (ExecuteTask is not null) await ExecuteTask.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(RunAsync, CancellationToken.None);

    private async Task RunAsync()
    {
        var batch = new List<WriteJob>();
        try
        {
            while (await _jobs.Reader.WaitToReadAsync())
            {
                batch.Clear();
                var items = 0;
                while (items < MaxItemsPerCommit && _jobs.Reader.TryRead(out var job))
                {
                    batch.Add(job);
                    items += job.ItemCount;
                    Interlocked.Decrement(ref _queued);
                }
                Commit(batch);
            }
        }
        finally { CloseSession(); }
    }

    private void Commit(List<WriteJob> batch)
    {
        try
        {
            _session ??= OpenSession();
            var inserted = _session.Value.Writer.Write(batch.Select(j => j.Request), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(inserted[i]);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Span store commit failed for {Requests} requests", batch.Count);
            // The next batch starts on a new connection: a PostgreSQL server that restarted, or a broken session.
            CloseSession();
            var failure = new StoreUnavailableException("the span store could not commit: " + ex.Message, ex);
            foreach (var job in batch) job.Completion.TrySetException(failure);
        }
    }

    /// <summary>The writer's own connection and the engine's batch writer on it (SQLite: prepared inserts; PostgreSQL: binary COPY).</summary>
    private (DbConnection Connection, ISpanBatchWriter Writer) OpenSession()
    {
        var connection = database.Database.Open();
        try
        {
            ISpanBatchWriter writer = connection switch
            {
                NpgsqlConnection postgres => new PostgresSpanBatchWriter(postgres),
                SqliteConnection sqlite => new SpanBatchWriter(sqlite),
                _ => throw new NotSupportedException($"no span writer for {connection.GetType().Name}"),
            };
            return (connection, writer);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void CloseSession()
    {
        if (_session is not { } session) return;
        _session = null;
        try
        {
            session.Writer.Dispose();
            session.Connection.Dispose();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogDebug(ex, "Closing the span writer's connection failed");
        }
    }

    /// <summary>The rows of an ExportTraceServiceRequest or an ExportLogsServiceRequest, and how many items it stores.</summary>
    private sealed record WriteJob(PreparedRequest Request, int ItemCount)
    {
        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The store could not take the write; retryable for the client (503 / UNAVAILABLE).</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
