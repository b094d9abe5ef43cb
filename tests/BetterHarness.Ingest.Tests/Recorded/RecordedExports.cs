using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Tests.Recorded;

/// <summary>One OTLP/HTTP request body exactly as a real instrumentation exported it (see Fixtures/instrumentations).</summary>
internal sealed record RecordedExport(string Signal, byte[] Body)
{
    public ExportTraceServiceRequest Traces => ExportTraceServiceRequest.Parser.ParseFrom(Body);
    public ExportLogsServiceRequest Logs => ExportLogsServiceRequest.Parser.ParseFrom(Body);
}

/// <summary>The recorded exports of each instrumentation, and replaying them byte for byte to a real host.</summary>
internal static class RecordedExports
{
    public const string SystemPrompt = "You are a travel assistant for Nordic Air. Look flights up with search_flights before answering.";

    public static IReadOnlyList<RecordedExport> Load(string instrumentation)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "instrumentations", instrumentation);
        return [.. Directory.GetFiles(directory, "*.pb").Order(StringComparer.Ordinal)
            .Select(f => new RecordedExport(Path.GetFileNameWithoutExtension(f).Split('-')[1], File.ReadAllBytes(f)))];
    }

    /// <summary>The trace id of the agent run whose root span has this name ("agent healthy", "agent correction").</summary>
    public static string TraceIdOf(IReadOnlyList<RecordedExport> exports, string rootName) =>
        exports.Where(e => e.Signal == "traces")
            .SelectMany(e => e.Traces.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans))
            .Where(s => s.Name == rootName).Select(s => Convert.ToHexStringLower(s.TraceId.Span)).Single();

    public static async Task ReplayAsync(IngestHost host, IEnumerable<RecordedExport> exports)
    {
        foreach (var export in exports)
        {
            var content = new ByteArrayContent(export.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            var response = await host.Otlp.PostAsync($"/v1/{export.Signal}", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>The transcript as "role: text" lines; a tool-call turn as "assistant: name(arguments)".</summary>
    public static IReadOnlyList<string> Lines(JsonObject trace) =>
        [.. trace["messages"]!.AsArray().Select(m =>
        {
            var calls = m!["toolCalls"]?.AsArray().Select(c => $"{c!["name"]}({c["arguments"]})") ?? [];
            var text = string.Join(" ", new[] { (string?)m["content"] ?? "" }.Concat(calls).Where(t => t.Length > 0));
            return $"{m["role"]}: {text}";
        })];
}
