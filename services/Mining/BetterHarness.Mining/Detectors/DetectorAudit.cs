using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Mining.Detectors;

/// <summary>Audit entries of detector actions that are not a single store write (a training pass an admin started).</summary>
public sealed class DetectorAudit(MiningDatabase db, TimeProvider clock)
{
    public void Record(Actor actor, string action, string agent, string detail)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        AuditLog.Append(c, tx, actor, action, agent, detail, clock.GetUtcNow());
        tx.Commit();
    }
}
