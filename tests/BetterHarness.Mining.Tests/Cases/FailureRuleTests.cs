using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using static BetterHarness.Mining.Tests.Digests;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Tests.Cases;

public sealed class FailureRuleTests
{
    private static readonly CaseBuilder Builder = new(TimeProvider.System);

    [Fact]
    public void Failed_tool_call_repeated_successfully_expects_the_successful_arguments()
    {
        var bad = Call("book_reservation", """{"flight":"HAT00","cabin":"economy"}""", "c1");
        var good = Call("book_reservation", """{"flight":"HAT083","cabin":"economy"}""", "c2");
        var digest = Digest([User("Book HAT083 in economy."), Agent("", bad), Tool("error"), Agent("", good), Agent("Booked.")],
            executions:
            [
                new DigestToolCall("book_reservation", bad.Arguments, null, "unknown flight HAT00", "span-bad", "c1"),
                new DigestToolCall("book_reservation", good.Arguments, "ok", null, "span-good", "c2"),
            ],
            signals: [new DigestSignal("tool_failure", "span-bad", "unknown flight")]);

        var evalCase = Builder.Build(digest, [], null)!;

        Assert.Equal(CaseDraft.ToolRecovery, evalCase.Provenance!.Sources![0].Reason);
        Assert.Equal("span-bad", evalCase.Provenance!.Sources![0].SpanId);
        var grader = Assert.Single(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled);
        Assert.Equal("HAT083", (string?)grader.Arguments!["flight"]);
        Assert.Contains(CaseTagger.ErrorRecovery, evalCase.Tags);
        Assert.Single(evalCase.Input.Messages);
    }

    [Fact]
    public void Correction_written_in_feedback_becomes_the_expected_behaviour()
    {
        var digest = Digest([User("What's my baggage allowance?"), Agent("You have no free bags.")],
            signals: [new DigestSignal(SignalKinds.UserCorrection, "root-span", "feedback: Gold members get 3 free bags", Score: 1.0)]) with
        {
            Corrections = [new DigestCorrection("Gold members get 3 free bags", "feedback", "root-span")],
        };

        var evalCase = Builder.Build(digest, [new TurnVerdict(0, 1, new Domain.Detection.CorrectionVerdict(false, 0.1))], null)!;

        Assert.Equal(CaseDraft.FeedbackCorrection, evalCase.Provenance!.Sources![0].Reason);
        Assert.Equal("Gold members get 3 free bags", evalCase.Expected.Correction);
        Assert.Contains(evalCase.Graders, g => g.Type == GraderTypes.FinalAnswerContains && g.Text == "3");
    }

    [Fact]
    public void Feedback_correction_longer_than_300_characters_reaches_the_case_whole()
    {
        var correction = "Gold members get 3 free checked bags on every flight. " + string.Join(" ",
            Enumerable.Range(1, 20).Select(i => $"Rule {i}: check the membership tier before quoting fees."));
        Assert.True(correction.Length > 600);
        // The signal's evidence is the trimmed line ingest shows people; the correction travels in its own field.
        var digest = Digest([User("What's my baggage allowance?"), Agent("You have no free bags.")],
            signals: [new DigestSignal(SignalKinds.UserCorrection, "root-span", "api: " + correction[..290] + "…", Score: 1.0)]) with
        {
            Corrections = [new DigestCorrection(correction, "api", "root-span")],
        };

        var evalCase = Builder.Build(digest, [new TurnVerdict(0, 1, new Domain.Detection.CorrectionVerdict(false, 0.1))], null)!;

        Assert.Equal(CaseDraft.FeedbackCorrection, evalCase.Provenance!.Sources![0].Reason);
        Assert.Equal(correction, evalCase.Expected.Correction);
    }

    [Fact]
    public void Digest_without_the_corrections_field_is_not_drafted_from_the_signal_evidence()
    {
        // A digest published before TraceDigest.Corrections existed: the feedback correction is only in the signal's
        // trimmed evidence line, which is for people and is never parsed back into an expected behaviour.
        var digest = Digest([User("What's my baggage allowance?"), Agent("You have no free bags.")],
            signals: [new DigestSignal(SignalKinds.UserCorrection, "root-span", "feedback: Gold members get 3 free bags", Score: 1.0)]);

        Assert.Empty(digest.Corrections);
        Assert.Null(Builder.Build(digest, [new TurnVerdict(0, 1, new Domain.Detection.CorrectionVerdict(false, 0.1))], null));
    }
}
