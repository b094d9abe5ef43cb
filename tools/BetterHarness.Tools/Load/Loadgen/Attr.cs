using OpenTelemetry.Proto.Common.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>Shorthands for OTLP attributes, so the synthetic span shapes read like the conventions they imitate.</summary>
internal static class Attr
{
    public static KeyValue Str(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Int(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };
}
