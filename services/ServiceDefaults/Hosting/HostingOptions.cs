using System.ComponentModel.DataAnnotations;

namespace BetterHarness.ServiceDefaults.Hosting;

/// <summary>Settings every service shares. Section <c>BetterHarness</c>; environment variables use
/// <c>BetterHarness__Name</c>.</summary>
public sealed class HostingOptions
{
    public const string Section = "BetterHarness";

    /// <summary>Directory for SQLite files and other state. Default <c>./data</c>.</summary>
    [Required]
    public string DataDir { get; set; } = "data";

    /// <summary>Message transport: <c>inmemory</c> (embedded, one process) or <c>rabbitmq</c>. Default inmemory.</summary>
    [RegularExpression("^(inmemory|rabbitmq)$", ErrorMessage = "Transport must be 'inmemory' or 'rabbitmq'.")]
    public string Transport { get; set; } = "inmemory";

    /// <summary>RabbitMQ URI used when Transport is rabbitmq. Default <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public string RabbitMq { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>
    /// Prefix for this deployment's queue names (e.g. <c>staging</c> → <c>staging-mining-traces-flagged</c>), so two
    /// deployments can share one broker without taking each other's messages. Default: none.
    /// </summary>
    public string? QueuePrefix { get; set; }

    /// <summary>
    /// Type of the services' RabbitMQ queues: <c>classic</c> (default: what brokers of existing deployments hold, and RabbitMQ
    /// cannot change a queue's type, see docs/deployment.md) or <c>quorum</c> (replicated, durable, delivery limit; what a
    /// scaled deployment needs; the compose file's scaled profile sets it). Used only when Transport is rabbitmq.
    /// </summary>
    [RegularExpression("^(quorum|classic)$", ErrorMessage = "RabbitMqQueueType must be 'quorum' or 'classic'.")]
    public string RabbitMqQueueType { get; set; } = "classic";

    /// <summary>HTTP API (and web UI) listen address, host:port. Default <c>127.0.0.1:8080</c>.</summary>
    [Required]
    public string ApiEndpoint { get; set; } = "127.0.0.1:8080";

    /// <summary>
    /// API keys accepted on OTLP and API requests (<c>Authorization: Bearer KEY</c> or <c>X-Api-Key</c>).
    /// Empty (default) = no authentication, which is allowed only while every endpoint is bound to loopback.
    /// </summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Where the services send their own traces and metrics (OTLP/gRPC URL). Default: none.</summary>
    public string? TelemetryEndpoint { get; set; }

    /// <summary>Console log format: <c>text</c> (default, one line per entry) or <c>json</c> (structured, for log shippers).</summary>
    [RegularExpression("^(text|json)$", ErrorMessage = "LogFormat must be 'text' or 'json'.")]
    public string LogFormat { get; set; } = "text";

    public bool UsesRabbitMq => string.Equals(Transport, "rabbitmq", StringComparison.OrdinalIgnoreCase);
}
