using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Optimizer.EvalRuns.Cases;

/// <summary>
/// The optimisation's own curation settings from before eval runs and optimisations shared one client
/// (<see cref="CurationCasesClient"/>): <c>BetterHarness:Optimization:CurationUrl</c> and <c>…:CurationApiKey</c> still work as
/// deprecated aliases of <c>BetterHarness:EvalRuns:CurationBaseUrl</c> and <c>…:ApiKey</c>, used only while those are unset,
/// with a warning at start-up. Both names set to different URLs stops the start: which one is meant cannot be guessed.
/// </summary>
public sealed class DeprecatedCurationSettings(IConfiguration configuration, ILogger<DeprecatedCurationSettings> logger) : IHostedService
{
    public const string Url = "BetterHarness:Optimization:CurationUrl";
    public const string ApiKey = "BetterHarness:Optimization:CurationApiKey";
    private static readonly (string Old, string New)[] Aliases = [(Url, "BetterHarness:EvalRuns:CurationBaseUrl"), (ApiKey, "BetterHarness:EvalRuns:ApiKey")];

    public static void Apply(EvalRunOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(options.CurationBaseUrl) && configuration[Url] is { Length: > 0 } url) options.CurationBaseUrl = url;
        if (string.IsNullOrEmpty(options.ApiKey) && configuration[ApiKey] is { Length: > 0 } key) options.ApiKey = key;
    }

    /// <summary>False when the deprecated URL and the current one are both set and differ.</summary>
    public static bool Consistent(EvalRunOptions options, IConfiguration configuration) =>
        configuration[Url] is not { Length: > 0 } old || string.Equals(Normal(old), Normal(options.CurationBaseUrl), StringComparison.OrdinalIgnoreCase);

    public const string ConflictMessage = "BetterHarness:EvalRuns:CurationBaseUrl and its deprecated alias BetterHarness:Optimization:CurationUrl " +
                                          "name different URLs: keep BetterHarness:EvalRuns:CurationBaseUrl only";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (old, now) in Aliases.Where(a => configuration[a.Old] is { Length: > 0 }))
            logger.LogWarning("{Old} is deprecated and will be removed: set {New} instead (the old name is read only while the new one is unset)", old, now);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string? Normal(string? url) => url?.TrimEnd('/');
}
