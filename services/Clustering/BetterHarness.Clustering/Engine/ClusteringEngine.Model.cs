using BetterHarness.Clustering.Domain.Features;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Clustering.Engine;

public sealed partial class ClusteringEngine
{
    /// <summary>
    /// After a restart, or when another replica stored a newer re-clustering (<see cref="ClusterStore.ModelVersion"/>), the
    /// centroids come from the store. A TF-IDF space is re-fitted on the signatures of the clustered failures: terms hash
    /// to fixed dims, so the re-fit lands close to where the centroids were made. Clusters made in another feature mode
    /// are not used online until the next re-clustering. Caller holds the lock.
    /// </summary>
    private void EnsureModel()
    {
        var version = clusters.ModelVersion();
        if (_modelLoaded && version == _modelVersion) return;
        var rows = clusters.Active().Where(c => c.Features == Mode.Name()).ToList();
        if (rows.Count == 0)
        {
            _model = null;
            (_modelLoaded, _modelVersion) = (true, version);
            return;
        }
        var corpus = Mode.NeedsTfIdf()
            ? signatures.Find(failures.All().Where(f => f.ClusterId is not null).Select(f => f.Hash)).Values.Select(s => s.Text).ToList()
            : [];
        _model = new OnlineModel(FeatureSpace.Fit(Mode, corpus), [.. rows.Select(r => r.Id)], [.. rows.Select(r => Vectors.FromBytes(r.Centroid))]);
        // Only now: a failed load (busy database) is retried on the next call instead of leaving assignment off.
        (_modelLoaded, _modelVersion) = (true, version);
        logger.LogInformation("Loaded {Count} clusters ({Features}) for online assignment", rows.Count, Mode.Name());
    }
}
