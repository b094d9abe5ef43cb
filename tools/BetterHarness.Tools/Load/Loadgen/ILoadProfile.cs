using Google.Protobuf;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>The shape of the synthetic agent traces a load run sends.</summary>
public interface ILoadProfile
{
    string Name { get; }

    int DefaultSpansPerRequest { get; }

    Resource Resource();

    /// <summary>One whole trace, root span first (so a trace cut short to fill a request still has its root).</summary>
    IReadOnlyList<Span> BuildTrace(ByteString traceId, ulong startNanos, Random rng);
}

public static class LoadProfiles
{
    public static readonly string[] Names = ["small", "content", "harness"];

    public static ILoadProfile Get(string name) => name switch
    {
        "small" => new SmallProfile(),
        "content" => new ContentProfile(),
        "harness" => new HarnessProfile(),
        _ => throw new CommandFailedException($"Unknown --profile '{name}'. Use one of: {string.Join(", ", Names)}."),
    };
}
