using System.Text.Json;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;

namespace BetterHarness.Ingest.Otlp;

// The common messages: Resource, InstrumentationScope, KeyValue and the recursive AnyValue.
public static partial class OtlpJsonParser
{
    private static Resource ReadResource(ref Utf8JsonReader reader)
    {
        var result = new Resource();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Attributes: ReadArray(ref reader, result.Attributes, ReadKeyValue); break;
                case JsonField.DroppedAttributesCount: result.DroppedAttributesCount = JsonScalars.UInt32(ref reader); break;
                // entityRefs is still in development and unused by ingest: skipped like unknown fields.
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static InstrumentationScope ReadScope(ref Utf8JsonReader reader)
    {
        var result = new InstrumentationScope();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Name: result.Name = JsonScalars.String(ref reader); break;
                case JsonField.Version: result.Version = JsonScalars.String(ref reader); break;
                case JsonField.Attributes: ReadArray(ref reader, result.Attributes, ReadKeyValue); break;
                case JsonField.DroppedAttributesCount: result.DroppedAttributesCount = JsonScalars.UInt32(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static KeyValue ReadKeyValue(ref Utf8JsonReader reader)
    {
        var result = new KeyValue();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Key: result.Key = JsonScalars.String(ref reader); break;
                case JsonField.Value: result.Value = ReadAnyValue(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    // Recursion here is bounded: every level is at least one JSON nesting level, which the reader caps.
    private static AnyValue ReadAnyValue(ref Utf8JsonReader reader)
    {
        var result = new AnyValue();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.StringValue: result.StringValue = JsonScalars.String(ref reader); break;
                case JsonField.BoolValue: result.BoolValue = JsonScalars.Bool(ref reader); break;
                case JsonField.IntValue: result.IntValue = JsonScalars.Int64(ref reader); break;
                case JsonField.DoubleValue: result.DoubleValue = JsonScalars.Double(ref reader); break;
                case JsonField.BytesValue: result.BytesValue = JsonScalars.Base64(ref reader); break;
                case JsonField.ArrayValue: result.ArrayValue = ReadArrayValue(ref reader); break;
                case JsonField.KvlistValue: result.KvlistValue = ReadKeyValueList(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static ArrayValue ReadArrayValue(ref Utf8JsonReader reader)
    {
        var result = new ArrayValue();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            if (field == JsonField.Values) ReadArray(ref reader, result.Values, ReadAnyValue);
            else reader.Skip();
        }
        return result;
    }

    private static KeyValueList ReadKeyValueList(ref Utf8JsonReader reader)
    {
        var result = new KeyValueList();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            if (field == JsonField.Values) ReadArray(ref reader, result.Values, ReadKeyValue);
            else reader.Skip();
        }
        return result;
    }
}
