using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>Hand-written sanity probes printed after training (the same cases the unit tests check).</summary>
public static class Probes
{
    public static readonly (CorrectionPair Pair, bool Correction)[] All =
    [
        (new("I found the earliest flight: HAT069 departing at 06:00 for $121. Shall I book it?", "No, I asked for the cheapest one, not the earliest."), true),
        (new("I booked the 6am flight.", "No, I asked for the cheapest one, not the earliest."), true),
        (new("I have booked the 6am flight to Boston for you.", "No, that's not what I asked. I said the cheapest flight, not the earliest."), true),
        (new("I booked your flight to Austin for Friday.", "You got it wrong. I said Boston, not Austin."), true),
        (new("Your reservation has one passenger.", "There must be some mistake, I remember three passengers."), true),
        (new("I've added travel insurance to your booking.", "I didn't ask for insurance. Please remove it."), true),
        (new("Your new flight departs from Los Angeles at 9am.", "Actually, I'm flying from Atlanta, not Los Angeles."), true),
        (new("Shall I book flight HAT083 for $100?", "Yes, please go ahead and book it. Thank you!"), false),
        (new("Could you provide your user id?", "Sure, it's mia_li_3668."), false),
        (new("Is there anything else I can help you with?", "No, that's all. Thanks!"), false),
        (new("Would you like to add travel insurance for $30?", "No, I don't want insurance."), false),
        (new("Your booking is confirmed. Reservation ID HATHAT.", "Great, thank you so much for your help!"), false),
        (new("Which payment method would you like to use?", "Please use my gift card ending in 5094."), false),
        // Hard negatives named by the issue: changing one's mind, the agent fixing itself, the user taking back their own words.
        (new("I've booked the economy option for you.", "Actually, I've changed my mind. Could you make it business class?"), false),
        (new("I apologize, I made an error earlier: the total is $305, not $255. Shall I proceed?", "Yes, please proceed."), false),
        (new("I couldn't find reservation ABC123 under your account.", "Sorry, my mistake, I gave you the wrong id. It's XYZ789."), false),
        // Another agent domain (retail-like), written for this check and not in the training data.
        (new("I've exchanged the blue T-shirt for size M.", "No, I asked for size L, not M."), true),
        (new("Your order #W2378156 contains 2 items.", "That can't be right, I'm sure I ordered three items."), true),
        (new("Would you like the refund to go to your PayPal account?", "No, please refund it to my credit card."), false),
    ];
}
