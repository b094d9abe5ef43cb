using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Claims;

/// <summary>
/// Runs a piece of work only while this replica holds the run's claim: claims it, renews the lease every
/// <see cref="RunClaimOptions.RenewEvery"/> while the work runs, and cancels the work when the claim is lost (so two
/// replicas never keep working on one run for longer than one renewal). The claim is released when the work returns or
/// is stopped by shutdown, so another replica resumes at once; when the work throws, it is kept until it lapses, so a
/// run that fails transiently is retried one lease later rather than in a tight loop.
/// </summary>
public sealed class RunClaimer(ReplicaIdentity replica, IOptions<RunClaimOptions> options, TimeProvider clock, ILogger<RunClaimer> logger)
{
    public string Replica => replica.Id;

    public TimeSpan SweepEvery => options.Value.SweepEvery;

    public async Task<ClaimOutcome> RunAsync(IRunClaims claims, string id, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var lease = options.Value.Lease;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!claims.TryClaim(id, replica.Id, now, now + (long)lease.TotalMilliseconds)) return ClaimOutcome.HeldElsewhere;
        using var working = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopHeartbeat = new CancellationTokenSource();
        var lost = false;
        var heartbeat = Task.Run(async () =>
        {
            var lastRenewed = clock.GetUtcNow();
            try
            {
                while (true)
                {
                    await Task.Delay(options.Value.RenewEvery, clock, stopHeartbeat.Token);
                    var at = clock.GetUtcNow();
                    try
                    {
                        if (claims.Renew(id, replica.Id, at.ToUnixTimeMilliseconds() + (long)lease.TotalMilliseconds)) { lastRenewed = at; continue; }
                        logger.LogWarning("Run {Id}: another replica took it over; this replica ({Replica}) stops working on it", id, replica.Id);
                    }
                    catch (Exception ex) when (at - lastRenewed < lease)
                    {
                        logger.LogWarning("Run {Id}: the claim could not be renewed ({Error}); retrying", id, ex.Message);
                        continue;
                    }
                    catch (Exception ex)
                    {
                        logger.LogWarning("Run {Id}: the claim could not be renewed for a whole lease ({Error}); another replica may take it over, so this one stops", id, ex.Message);
                    }
                    lost = true;
                    await working.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException) when (stopHeartbeat.IsCancellationRequested) { }
        }, CancellationToken.None);
        try
        {
            await work(working.Token);
        }
        catch (OperationCanceledException) when (lost || cancellationToken.IsCancellationRequested)
        {
        }
        catch
        {
            await StopAsync(stopHeartbeat, heartbeat);
            throw; // the claim lapses; a sweep retries the run after it
        }
        await StopAsync(stopHeartbeat, heartbeat);
        if (lost) return ClaimOutcome.Lost;
        try { claims.Release(id, replica.Id); }
        catch (Exception ex) { logger.LogWarning("Run {Id}: the claim could not be released ({Error}); it lapses", id, ex.Message); }
        return ClaimOutcome.Done;
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task heartbeat)
    {
        await stop.CancelAsync();
        await heartbeat;
    }
}
