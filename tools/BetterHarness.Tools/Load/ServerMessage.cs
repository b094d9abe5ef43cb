using System.Text.Json;
using Google.Protobuf;

namespace BetterHarness.Tools.Load;

/// <summary>
/// Pulls the human-readable reason out of an error reply. OTLP servers answer errors with a
/// google.rpc.Status (in the request's encoding); the API answers <c>{"error": "..."}</c>.
/// </summary>
public static class ServerMessage
{
    private const int MaxLength = 300;

    public static string FromJson(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "message", "error", "errorMessage" })
                {
                    if (doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                        return Shorten(value.GetString() ?? "");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, plain text): the raw text is the best we have.
        }
        return Shorten(body);
    }

    /// <summary>Reads field 2 (message) of a protobuf google.rpc.Status without needing its generated type.</summary>
    public static string FromProtobufStatus(byte[] body)
    {
        try
        {
            var input = new CodedInputStream(body);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == 2 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                    return Shorten(input.ReadString());
                input.SkipLastField();
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Fall through: not a Status message.
        }
        return body.Length == 0 ? "(empty response body)" : Shorten(System.Text.Encoding.UTF8.GetString(body));
    }

    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }
}
