using BetterHarness.Corrections;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Text;

namespace BetterHarness.Mining.Tests.Detection;

/// <summary>The shipped model with the real MiniLM embedder: obvious corrections score ≥ 0.5, obvious non-corrections below.</summary>
public sealed class CorrectionDetectorTests : IClassFixture<CorrectionDetectorTests.ShippedDetector>
{
    public sealed class ShippedDetector : IDisposable
    {
        private readonly MiniLmEmbedder _embedder = new();

        public ShippedDetector() => Detector = CorrectionDetector.LoadShipped(_embedder);

        public CorrectionDetector Detector { get; }

        public void Dispose() => _embedder.Dispose();
    }

    private readonly CorrectionDetector _detector;

    public CorrectionDetectorTests(ShippedDetector fixture) => _detector = fixture.Detector;

    private CorrectionVerdict Classify(string assistant, string user) => _detector.Classify([new CorrectionPair(assistant, user)])[0];

    [Fact]
    public void Detects_curt_correction_of_agent_offer()
    {
        var verdict = Classify("I found the earliest flight: HAT069 departing at 06:00 for $121. Shall I book it?",
            "No, I asked for the cheapest one, not the earliest.");

        Assert.True(verdict.Score >= 0.5, $"score {verdict.Score}");
        Assert.True(verdict.IsCorrection);
    }

    [Fact]
    public void Detects_curt_correction_after_an_agent_statement()
    {
        var verdict = Classify("I booked the 6am flight.", "No, I asked for the cheapest one, not the earliest.");

        Assert.True(verdict.Score >= 0.5, $"score {verdict.Score}");
    }

    [Theory]
    [InlineData("I have booked the 6am flight to Boston for you.", "No, that's not what I asked. I said the cheapest flight, not the earliest.")]
    [InlineData("I booked your flight to Austin for Friday.", "You got it wrong. I said Boston, not Austin.")]
    [InlineData("Your reservation has one passenger.", "There must be some mistake, I remember three passengers.")]
    [InlineData("I've added travel insurance to your booking.", "I didn't ask for insurance. Please remove it.")]
    [InlineData("Your new flight departs from Los Angeles at 9am.", "Actually, I'm flying from Atlanta, not Los Angeles.")]
    [InlineData("I've exchanged the blue T-shirt for size M.", "No, I asked for size L, not M.")]
    [InlineData("Your order #W2378156 contains 2 items.", "That can't be right, I'm sure I ordered three items.")]
    public void Detects_obvious_agent_style_corrections(string assistant, string user)
    {
        var verdict = Classify(assistant, user);

        Assert.True(verdict.Score >= 0.5, $"score {verdict.Score}");
        Assert.True(verdict.IsCorrection);
    }

    [Theory]
    [InlineData("Shall I book flight HAT083 for $100?", "Yes, please go ahead and book it. Thank you!")]
    [InlineData("Could you provide your user id?", "Sure, it's mia_li_3668.")]
    [InlineData("Is there anything else I can help you with?", "No, that's all. Thanks!")]
    [InlineData("Would you like to add travel insurance for $30?", "No, I don't want insurance.")]
    [InlineData("Your booking is confirmed. Reservation ID HATHAT.", "Great, thank you so much for your help!")]
    [InlineData("Which payment method would you like to use?", "Please use my gift card ending in 5094.")]
    [InlineData("I've booked the economy option for you.", "Actually, I've changed my mind. Could you make it business class?")]
    [InlineData("I apologize, I made an error earlier: the total is $305, not $255. Shall I proceed?", "Yes, please proceed.")]
    [InlineData("I couldn't find reservation ABC123 under your account.", "Sorry, my mistake, I gave you the wrong id. It's XYZ789.")]
    [InlineData("Would you like the refund to go to your PayPal account?", "No, please refund it to my credit card.")]
    public void Does_not_flag_thanks_confirmations_or_answers(string assistant, string user)
    {
        var verdict = Classify(assistant, user);

        Assert.True(verdict.Score < 0.5, $"score {verdict.Score}");
        Assert.False(verdict.IsCorrection);
    }

    [Fact]
    public void Shipped_info_describes_a_decision_centred_calibration_and_cross_validation()
    {
        var info = CorrectionDetector.LoadShippedInfo();

        Assert.Equal(0.5, info.Threshold);
        Assert.NotEqual(0, info.CalibrationSlope);
        Assert.Equal(CorrectionCues.Names, info.CueNames);
        Assert.NotNull(info.CrossValidation);
        Assert.Contains("taubench-airline", info.CrossValidation!.Keys);
    }
}
