using System.Text.Json;
using BetterHarness.Testing;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// A trace written by an attacker: user and agent messages, tool arguments, tool results and attribute values
/// carrying script tags, event-handler attributes, javascript: URLs and htmx attributes. Rendered correctly,
/// all of it shows as text and none of it runs, requests anything or swaps anything.
/// </summary>
public static class HostileTrace
{
    /// <summary>Every payload requests a path containing this marker or sets this global, so any effect is visible.</summary>
    public const string Marker = "pwned";

    public static readonly string[] Payloads =
    [
        $"<script>window.{Marker}=1;fetch('/{Marker}-script')</script>",
        $"<img src=x onerror=\"window.{Marker}=2;fetch('/{Marker}-img')\">",
        $"<a href=\"javascript:window.{Marker}=3\">click me</a>",
        $"<div hx-get=\"/{Marker}-htmx\" hx-trigger=\"load\" hx-swap=\"outerHTML\">htmx bait</div>",
        $"<button hx-post=\"/{Marker}-post\" hx-trigger=\"load\">x</button><svg onload=\"window.{Marker}=4\"></svg>",
        $"\"><iframe src=\"javascript:alert('{Marker}')\"></iframe><style>body{{display:none}}</style>",
    ];

    public static string AllPayloads => string.Join(" ", Payloads);

    public static (ExportTraceServiceRequest Request, string TraceId) Build()
    {
        var traceId = TestRequests.NewTraceId();
        var root = TestRequests.NewSpanId();
        var chat = TestRequests.NewSpanId();
        var tool = TestRequests.NewSpanId();
        var text = AllPayloads;
        var input = JsonSerializer.Serialize(new object[]
        {
            new { role = "user", parts = new object[] { new { type = "text", content = "Book it. " + text } } },
        });
        var output = JsonSerializer.Serialize(new object[]
        {
            new
            {
                role = "assistant",
                parts = new object[]
                {
                    new { type = "text", content = "Sure " + text },
                    new { type = "tool_call", id = "call_1", name = "lookup", arguments = new { query = text, url = "javascript:alert(1)" } },
                },
            },
        });
        var request = TestRequests.Request(
            TestRequests.Span(traceId, root, null, "invoke_agent hostile",
                ("gen_ai.operation.name", "invoke_agent"), ("gen_ai.agent.name", "hostile-agent"), ("note.html", text)),
            TestRequests.Span(traceId, chat, root, "chat m",
                ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m"),
                ("gen_ai.input.messages", input), ("gen_ai.output.messages", output)),
            TestRequests.Span(traceId, tool, root, "execute_tool lookup",
                ("gen_ai.operation.name", "execute_tool"), ("gen_ai.tool.name", "lookup"), ("gen_ai.tool.call.id", "call_1"),
                ("gen_ai.tool.call.arguments", JsonSerializer.Serialize(new { query = text })),
                ("gen_ai.tool.call.result", "{\"error\": \"" + JsonEncodedText.Encode(text) + "\"}"),
                ("custom.attr", text)));
        // A failed tool makes the trace a failure, so it is clustered and listed with the others.
        var toolSpan = request.ResourceSpans[0].ScopeSpans[0].Spans[2];
        toolSpan.Status = new Status { Code = Status.Types.StatusCode.Error, Message = text };
        return (request, Convert.ToHexStringLower(traceId));
    }

    public static ByteArrayContent Content(ExportTraceServiceRequest request)
    {
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new("application/x-protobuf");
        return content;
    }
}
