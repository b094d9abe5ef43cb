using System.Collections.Concurrent;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Web.Tests.Security;

/// <summary>
/// <c>.Writes(role, action)</c> is checked at run time too: a write that answers 2xx without appending its declared audit
/// entry is logged as an error (a write that changed nothing says so and is not).
/// </summary>
public sealed class AuditDeclarationTests
{
    [Fact]
    public async Task A_write_that_succeeds_without_its_declared_audit_entry_is_reported()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-audit-decl-" + Guid.NewGuid().ToString("N"));
        var port = IngestHost.FreePort();
        var logged = new ConcurrentQueue<string>();
        var app = ServiceHost.Build([], [new ProbeModule(dataDir, logged)], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BetterHarness:DataDir"] = dataDir, ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{port}",
        }));
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            foreach (var path in new[] { "/audits", "/unchanged", "/forgets" })
                Assert.True((await http.PostAsync(path, null)).IsSuccessStatusCode, path);

            var errors = logged.Where(l => l.Contains("without writing", StringComparison.Ordinal)).ToList();
            Assert.Equal("POST /forgets succeeded without writing its 'probe.forget' audit entry", Assert.Single(errors));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private sealed class ProbeModule(string dataDir, ConcurrentQueue<string> logged) : ServiceModule
    {
        public override string Name => "audit-probe";

        public override void AddServices(WebApplicationBuilder builder) => builder.Logging.AddProvider(new QueueLogger(logged));

        public override void MapEndpoints(WebApplication app)
        {
            var db = new SqliteDatabase(Path.Combine(dataDir, "probe.db"));
            using (var c = db.Open())
                c.Execute("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT, actor TEXT, role TEXT, action TEXT, subject TEXT, detail TEXT)");
            app.MapPost("/audits", (HttpContext context) =>
            {
                AuditLog.Write(db, context.RequiredActor(), "probe.audit", "s", null, DateTimeOffset.UtcNow);
                return Results.Ok();
            }).Writes(Role.Curator, "probe.audit");
            app.MapPost("/unchanged", () =>
            {
                AuditScope.NothingChanged();
                return Results.Ok();
            }).Writes(Role.Curator, "probe.unchanged");
            app.MapPost("/forgets", () => Results.Ok()).Writes(Role.Curator, "probe.forget");
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> logged) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) logged.Enqueue(formatter(state, exception));
        }
        public void Dispose() { }
    }
}
