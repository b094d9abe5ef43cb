using System.Text;
using BetterHarness.Ingest.Otlp;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Tests.Otlp;

public sealed class OtlpJsonWriterTests
{
    [Fact]
    public void Writes_an_empty_object_when_nothing_was_rejected()
    {
        var withEmptyPartial = new ExportTraceServiceResponse { PartialSuccess = new ExportTracePartialSuccess() };

        Assert.Equal("{}", Encoding.UTF8.GetString(OtlpJsonWriter.WriteResponse(new ExportTraceServiceResponse())));
        Assert.Equal("{}", Encoding.UTF8.GetString(OtlpJsonWriter.WriteResponse(withEmptyPartial)));
    }

    [Fact]
    public void Writes_partial_success_with_rejected_count_as_string()
    {
        var response = new ExportTraceServiceResponse
        {
            PartialSuccess = new ExportTracePartialSuccess { RejectedSpans = 12, ErrorMessage = "12 spans rejected: \"why\"" },
        };

        var json = Encoding.UTF8.GetString(OtlpJsonWriter.WriteResponse(response));

        Assert.Equal("""{"partialSuccess":{"rejectedSpans":"12","errorMessage":"12 spans rejected: \"why\""}}""", json);
    }
}
