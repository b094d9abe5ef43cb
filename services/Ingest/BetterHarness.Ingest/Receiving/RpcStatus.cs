using Google.Protobuf;

namespace BetterHarness.Ingest.Receiving;

/// <summary>
/// google.rpc.Status, the error body OTLP/HTTP specifies (field 1 code, field 2 message). Encoded by
/// hand because it is two fields and the googleapis protos are not otherwise needed.
/// </summary>
public static class RpcStatus
{
    public const int InvalidArgument = 3;
    public const int ResourceExhausted = 8;
    public const int Unauthenticated = 16;
    public const int Unavailable = 14;
    public const int Unimplemented = 12;
    public const int Internal = 13;

    public static byte[] ToProtobuf(int code, string message)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(code);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        return buffer.ToArray();
    }

    public static byte[] ToJson(int code, string message) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { code, message });
}
