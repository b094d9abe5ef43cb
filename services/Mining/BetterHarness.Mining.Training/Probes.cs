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
    ];
}
