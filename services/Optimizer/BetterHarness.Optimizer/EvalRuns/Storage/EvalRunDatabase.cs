using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.EvalRuns.Storage;

/// <summary>Eval runs' SQLite file (<c>evalruns.db</c> under the data dir), migrated on first use.</summary>
public sealed class EvalRunDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public static EvalRunDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "evalruns.db", typeof(EvalRunDatabase).Assembly, "EvalRuns.Storage"));
}
