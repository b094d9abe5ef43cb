using BetterHarness.Mining.Domain.Detection;

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

    [Fact]
    public void Value_conflict_needs_a_value_of_the_same_kind_that_the_agent_did_not_state()
    {
        Assert.Equal(1, Cue("value_conflict", "I'll charge your credit card ending in 5018.", "Please use my credit card ending in 7334."));
        Assert.Equal(1, Cue("value_conflict", "Your reservation has 1 passenger.", "I booked 3 passengers."));
        Assert.Equal(0, Cue("value_conflict", "Your reservation has 3 passengers.", "Yes, 3 passengers."));
        Assert.Equal(0, Cue("value_conflict", "Could you provide your user id?", "Sure, it's mia_li_3668."));
        Assert.Equal(0, Cue("value_conflict", "The total is $305.", "I'm flying on May 20."));
    }

    [Fact]
    public void Contradiction_cues_tell_a_contrary_belief_from_self_blame_and_pleading()
    {
        Assert.Equal(1, Cue("contrary_belief_after_claim", "Your reservation does not include travel insurance.", "I'm really sure I added insurance when I booked."));
        Assert.Equal(1, Cue("contrary_belief", "Anything else?", "I thought there were three passengers on it."));
        Assert.Equal(1, Cue("self_blame", "I could not find that reservation.", "Sorry, my mistake, I gave you the wrong id."));
        Assert.Equal(0, Cue("self_blame", "I booked the 6am flight.", "No, I asked for the cheapest one."));
        Assert.Equal(1, Cue("pleading", "Unfortunately the fare is non-refundable.", "Is there any way to make an exception?"));
        Assert.Equal(1, Cue("agent_refused", "Unfortunately the fare is non-refundable.", "Okay."));
        Assert.Equal(1, Cue("replaces_agent_choice", "I have processed the payment with your Visa card.", "I prefer to use a gift card instead."));
        Assert.Equal(0, Cue("replaces_agent_choice", "Which payment method would you like to use?", "I prefer to use a gift card."));
    }
}
