using System.Globalization;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>The model settings an <c>edit_model_settings</c> change may set, as its target names them.</summary>
public static class ModelSettingNames
{
    /// <summary>Sampling temperature, 0–2, or <c>none</c> for the endpoint's default.</summary>
    public const string Temperature = "temperature";
    /// <summary>Output-token cap per model call, 16–100,000, or <c>none</c>.</summary>
    public const string MaxOutputTokens = "maxOutputTokens";
    /// <summary>Agent steps (model calls) per case, 1–200.</summary>
    public const string MaxSteps = "maxSteps";
    /// <summary>Tool calls per case, 1–200, or <c>none</c> for no budget.</summary>
    public const string MaxToolCalls = "maxToolCalls";

    public static readonly IReadOnlyList<string> All = [Temperature, MaxOutputTokens, MaxSteps, MaxToolCalls];
}

/// <summary>Applies one model-setting edit, or says why the value is not one the setting takes.</summary>
internal static class ModelSettingEdit
{
    public static (ModelSettings? Settings, string? Error) Apply(ModelSettings settings, string name, string value)
    {
        var text = value.Trim();
        var none = text.Equals("none", StringComparison.OrdinalIgnoreCase) || text.Length == 0;
        switch (name)
        {
            case ModelSettingNames.Temperature:
                if (none) return (settings with { Temperature = null }, null);
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 2
                    ? (settings with { Temperature = t }, null) : (null, "temperature must be a number from 0 to 2, or none");
            case ModelSettingNames.MaxOutputTokens:
                if (none) return (settings with { MaxOutputTokens = null }, null);
                return Integer(text, 16, 100_000) is { } tokens ? (settings with { MaxOutputTokens = tokens }, null) : (null, "maxOutputTokens must be a whole number from 16 to 100000, or none");
            case ModelSettingNames.MaxSteps:
                return Integer(text, 1, 200) is { } steps ? (settings with { MaxSteps = steps }, null) : (null, "maxSteps must be a whole number from 1 to 200");
            case ModelSettingNames.MaxToolCalls:
                if (none) return (settings with { MaxToolCalls = null }, null);
                return Integer(text, 1, 200) is { } calls ? (settings with { MaxToolCalls = calls }, null) : (null, "maxToolCalls must be a whole number from 1 to 200, or none");
            default:
                return (null, $"unknown model setting '{name}' (expected one of {string.Join(", ", ModelSettingNames.All)})");
        }
    }

    private static int? Integer(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null;
}
