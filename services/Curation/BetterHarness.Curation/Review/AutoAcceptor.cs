using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Oracle;
using BetterHarness.Curation.Domain.Policy;
using BetterHarness.EvalCases.Cases;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation.Review;

/// <summary>Applies the auto-accept policy (off by default) to a candidate that just entered the queue.</summary>
public sealed class AutoAcceptor(ReviewDecisions decisions, IOptions<CurationOptions> options)
{
    public static readonly Actor Actor = new(AutoAcceptPolicy.Actor, Role.Curator, "policy");

    public void Consider(EvalCase candidate)
    {
        var o = options.Value;
        if (!o.AutoAccept) return;
        var policy = new AutoAcceptPolicy(o.AutoAccept, o.AutoAcceptMinSupport, o.AutoAcceptMinDetectorScore);
        if (!policy.Admits(CandidateFacts.From(candidate), OracleCheck.Run(candidate))) return;
        try { decisions.Accept(Actor, [new AcceptItem(candidate.Id, CaseEdits.None)], autoAccepted: true, action: "auto-accept"); }
        catch (Storage.ReviewConflictException) { /* decided or leased meanwhile: a person is on it */ }
    }
}
