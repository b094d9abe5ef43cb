using BetterHarness.Clustering.Storage;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>
/// Which text the engine clusters a failure with: its signature's analysed text ("root cause: …" + signature) when the
/// configured analyst model has answered for it, else the signature itself. With the analyst off nothing is looked up,
/// so the offline path is exactly what it was.
/// </summary>
public sealed class AnalysedSignatures(AnalysisStore store, IOptions<AnalystOptions> options)
{
    /// <summary>Signature hash → analysed text's hash, for the given signatures that have one.</summary>
    public IReadOnlyDictionary<string, string> Remap(IEnumerable<string> signatureHashes) =>
        options.Value.Enabled ? store.AnalysedHashes(options.Value.Model!, signatureHashes) : new Dictionary<string, string>();
}
