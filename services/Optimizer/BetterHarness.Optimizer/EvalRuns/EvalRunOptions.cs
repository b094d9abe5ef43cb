using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Optimizer.EvalRuns;

/// <summary>Eval-run settings, section <c>BetterHarness:EvalRuns</c>. Every field has a default.</summary>
public sealed class EvalRunOptions
{
    public const string Section = "BetterHarness:EvalRuns";

    /// <summary>Curation service's base URL (cases come from its API). Default: this host's API endpoint (embedded mode).</summary>
    public string? CurationBaseUrl { get; set; }

    /// <summary>Ingest's API base URL (traces for harness derivation). Default: this host's API endpoint.</summary>
    public string? IngestBaseUrl { get; set; }

    /// <summary>API key sent to curation and ingest when the deployment has keys. Default: the first of BetterHarness:ApiKeys.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Export every trial's transcript to ingest as OTLP (GenAI conventions), marked as an eval run. Default true.</summary>
    public bool ExportTraces { get; set; } = true;

    /// <summary>OTLP/HTTP traces URL of the ingest. Default: http:// + BetterHarness:Ingest:OtlpHttpEndpoint (127.0.0.1:4318) + /v1/traces.</summary>
    public string? TraceExportUrl { get; set; }

    /// <summary>Name of a configured openai model that grades llm_judge graders. Default: none (they are reported not graded).</summary>
    public string? JudgeModel { get; set; }

    /// <summary>(case, trial) pairs run at once per eval run. Default 4.</summary>
    [Range(1, 256)] public int MaxParallelTrials { get; set; } = 4;

    /// <summary>Eval runs executed at once by this process. Default 1.</summary>
    [Range(1, 16)] public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>
    /// How long a run keeps retrying while curation (where its cases come from) is unreachable or failing, before it
    /// fails with the reason. Default 2 minutes.
    /// </summary>
    public TimeSpan CasesRetryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Trials per case when a request does not say. Default 3.</summary>
    [Range(1, 100)] public int DefaultTrials { get; set; } = 3;
}
