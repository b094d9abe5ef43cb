using BetterHarness.EvalCases.Cases;
using BetterHarness.Mining.Domain.Cases;

namespace BetterHarness.Mining.Tests.Cases;

public sealed class CaseBudgetTests
{
    [Fact]
    public void A_case_within_the_bound_is_left_exactly_as_it_is()
    {
        var evalCase = Samples.Case("No, I said HAT083");

        Assert.Same(evalCase, CaseBudget.Fit(evalCase));
    }

    [Fact]
    public void A_case_over_the_bound_is_clipped_to_fit_longest_texts_first()
    {
        var evalCase = Samples.Case("No, I said HAT083", toolResponse: new string('x', 3 * CaseBudget.MaxCaseChars));

        var fitted = CaseBudget.Fit(evalCase);

        Assert.True(CaseBudget.Size(fitted) <= CaseBudget.MaxCaseChars);
        Assert.EndsWith("…[clipped]", fitted.Tools.Recorded[0].Response);
        Assert.Equal("No, I said HAT083", fitted.Input.Messages[0].Content); // short texts are kept whole
        Assert.Equal(EvalCaseJson.Serialize(evalCase with { Tools = fitted.Tools }), EvalCaseJson.Serialize(fitted));
    }
}
