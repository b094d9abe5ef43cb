-- Which failure cluster each failed trace is in, as clustering announced it (TracesClustered): what the per-version
-- comparison groups failures by. A later assignment of the same trace (a newer revision, a re-clustering) replaces it.
CREATE TABLE trace_clusters (
    trace_id   TEXT    PRIMARY KEY,
    cluster_id TEXT    NOT NULL,
    revision   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX trace_clusters_cluster ON trace_clusters (cluster_id);
