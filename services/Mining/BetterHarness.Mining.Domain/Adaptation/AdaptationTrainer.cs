using MathNet.Numerics.LinearAlgebra;

namespace BetterHarness.Mining.Domain.Adaptation;

/// <summary>How far an adapted detector may move from the shipped one: L2 penalties on the distance from the prior weights.</summary>
/// <param name="PriorPenalty">On the weight of the shipped model's log-odds and the bias (small: recalibrating is cheap).</param>
/// <param name="CuePenalty">On each cue weight.</param>
/// <param name="EmbeddingPenalty">On each embedding weight (large: 384 of them against a few dozen labels).</param>
public sealed record AdaptationPenalties(double PriorPenalty = 0.1, double CuePenalty = 1, double EmbeddingPenalty = 3);

/// <summary>One labelled pair for training: its prior row, the label, how much it counts, and its conversation (CV group).</summary>
/// <param name="Person">A person's label (scored); a judge's label only trains.</param>
public sealed record TrainingExample(PriorRow Row, bool Label, double Weight, string Group, bool Person = true);

/// <summary>
/// Fits an <see cref="AdaptedModel"/>: penalised logistic regression (Newton's method, a dense Cholesky solve per step —
/// a few hundred features) whose penalty pulls every weight toward the shipped model's, so the shipped model is the prior
/// and few labels move it little.
/// </summary>
public sealed class AdaptationTrainer(AdaptationPenalties penalties)
{
    private const int MaxIterations = 30;

    public AdaptedModel Fit(IReadOnlyList<TrainingExample> examples)
    {
        var width = examples[0].Row.Width;
        var prior = AdaptedModel.Prior(width);
        if (examples.Count == 0) return prior;
        var cues = examples[0].Row.Cues.Length;
        var n = examples.Count;
        var d = width + 1;
        // Column 0 is the bias; the others are PriorRow.Feature(j - 1).
        var x = Matrix<double>.Build.Dense(n, d, (i, j) => j == 0 ? 1 : examples[i].Row.Feature(j - 1));
        var y = Vector<double>.Build.Dense(n, i => examples[i].Label ? 1 : 0);
        var w = Vector<double>.Build.Dense(n, i => examples[i].Weight);
        var theta0 = Vector<double>.Build.Dense(d, j => j == 1 ? 1 : 0);
        var lambda = Vector<double>.Build.Dense(d, j => j <= 1 ? penalties.PriorPenalty : j <= 1 + cues ? penalties.CuePenalty : penalties.EmbeddingPenalty);
        var theta = theta0.Clone();
        // Newton's method. With fewer labels than features (the usual case: a few hundred labels, 421 features) the step
        // H⁻¹g, H = XᵀCX + Λ, is solved through the n×n system (C⁻¹ + XΛ⁻¹Xᵀ) (Woodbury), whose XΛ⁻¹Xᵀ is fixed: an order of
        // magnitude cheaper than the d×d Hessian, same step.
        var dual = n < d;
        var lambdaInverse = lambda.Map(v => 1 / v);
        var xScaled = dual ? x.MapIndexed((_, j, v) => v * lambdaInverse[j]) : null;
        var kernel = dual ? xScaled!.TransposeAndMultiply(x) : null;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var p = (x * theta).Map(z => 1 / (1 + Math.Exp(-z)));
            var gradient = x.TransposeThisAndMultiply(w.PointwiseMultiply(p - y)) + lambda.PointwiseMultiply(theta - theta0);
            var curvature = w.PointwiseMultiply(p.Map(v => Math.Max(v * (1 - v), 1e-9)));
            Vector<double> step;
            if (dual)
            {
                var system = kernel!.Clone();
                for (var i = 0; i < n; i++) system[i, i] += 1 / curvature[i];
                var v = system.Cholesky().Solve(xScaled! * gradient);
                step = lambdaInverse.PointwiseMultiply(gradient - x.TransposeThisAndMultiply(v));
            }
            else
            {
                var hessian = x.TransposeThisAndMultiply(x.MapIndexed((i, _, v) => v * curvature[i])) + Matrix<double>.Build.DiagonalOfDiagonalVector(lambda);
                step = hessian.Cholesky().Solve(gradient);
            }
            theta -= step;
            if (step.AbsoluteMaximum() < 1e-6) break;
        }
        return new AdaptedModel(theta[0], [.. theta.Skip(1)]);
    }
}
