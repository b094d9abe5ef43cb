using System.Text.Json.Serialization;

namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>
/// An agent's adapted detector: logistic regression over [prior log-odds, cues, embedding] whose weights start at the
/// shipped model (weight 1 on its log-odds, 0 elsewhere) and move only as far as the agent's labels pull them against a
/// penalty (<see cref="AdaptationTrainer"/>). With no labels it scores exactly like the shipped model.
/// </summary>
public sealed record AdaptedModel(double Bias, double[] Weights, double Threshold = 0.5)
{
    /// <summary>The shipped model as an adapted one: what an agent starts from.</summary>
    public static AdaptedModel Prior(int width)
    {
        var weights = new double[width];
        weights[0] = 1;
        return new AdaptedModel(0, weights);
    }

    [JsonIgnore] public int Width => Weights.Length;

    public double LogOdds(PriorRow row)
    {
        var z = Bias;
        for (var j = 0; j < Weights.Length; j++) z += Weights[j] * row.Feature(j);
        return z;
    }

    public double Score(PriorRow row) => 1 / (1 + Math.Exp(-LogOdds(row)));
}
