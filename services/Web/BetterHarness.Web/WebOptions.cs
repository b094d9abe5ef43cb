namespace BetterHarness.Web;

/// <summary>Settings of the web UI. Section <c>BetterHarness:Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "BetterHarness:Web";

    /// <summary>
    /// Base URL of each backend service the UI (and the <c>/api/*</c> gateway) talks to, by service name
    /// (<c>ingest</c>, <c>clustering</c>, <c>mining</c>, <c>curation</c>, …), e.g.
    /// <c>BetterHarness__Web__Services__ingest=http://10.0.0.5:8080</c>. Default: a service hosted in this
    /// process (<c>bh up</c>) is reached on this process's own API listener; a service hosted elsewhere
    /// (<c>bh run web</c>) must be given here.
    /// </summary>
    public Dictionary<string, string> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a page waits for a backend service before showing "unavailable". Default 10 s.</summary>
    public TimeSpan BackendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
