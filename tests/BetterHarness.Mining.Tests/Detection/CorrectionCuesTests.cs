using BetterHarness.Corrections;

namespace BetterHarness.Mining.Tests.Detection;

public sealed class CorrectionCuesTests
{
    private static float Cue(string name, string assistant, string user) =>
        CorrectionCues.Compute(assistant, user, 0)[Array.IndexOf(CorrectionCues.Names, name)];

    [Fact]
    public void Vector_length_matches_the_names()
    {
        Assert.Equal(CorrectionCues.VectorLength, CorrectionCues.Names.Length);
        Assert.Equal(CorrectionCues.VectorLength, CorrectionCues.Compute("a", "b", 0).Length);
        Assert.Equal(CorrectionCues.Names.Length, CorrectionCues.Names.Distinct().Count());
    }

    [Fact]
    public void Evidence_score_is_high_for_a_rejection_that_points_at_the_users_words_and_low_for_a_closing_no()
    {
        Assert.True(CorrectionEvidence.Score("I booked the 6am flight.", "No, I asked for the cheapest one, not the earliest.") > 0.9);
        Assert.True(CorrectionEvidence.Score("Anything else?", "No, that's all, thanks.") < 0.1);
        Assert.True(CorrectionEvidence.Score("Would you like insurance?", "No.") < 0.2);
    }

    [Fact]
    public void Pair_cues_see_contrast_own_words_and_closing()
    {
        Assert.Equal(1, Cue("x_not_y", "", "I said Boston, not Austin."));
        Assert.Equal(1, Cue("own_words", "", "I asked for the cheapest one."));
        Assert.Equal(1, Cue("closing_no", "", "No thanks, that's everything."));
        Assert.Equal(1, Cue("answers_request", "Could you please provide your user ID?", "Sure, it's mia_li_3668."));
        Assert.Equal(0, Cue("answers_request", "Could you please provide your user ID?", "I already told you, it's mia_li_3668."));
    }
}
