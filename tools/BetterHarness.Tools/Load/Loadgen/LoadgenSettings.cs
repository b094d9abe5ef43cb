namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>A load run, validated: where to send, how, what, and for how long.</summary>
public sealed record LoadgenSettings(
    Uri Endpoint,
    string Protocol,
    ILoadProfile Profile,
    int SpansPerRequest,
    int Concurrency,
    TimeSpan Duration,
    TimeSpan Warmup,
    string? ApiKey)
{
    /// <summary>Distinct templates rotated through, so consecutive requests are not byte-identical apart from ids.</summary>
    public const int TemplateCount = 4;

    public static readonly TimeSpan ParseOnlyDuration = TimeSpan.FromSeconds(2);

    public ILoadTransport CreateTransport() => Protocol == "grpc"
        ? new GrpcLoadTransport(Endpoint, ApiKey)
        : new HttpLoadTransport(Endpoint, ApiKey, Concurrency);
}
