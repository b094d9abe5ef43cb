using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>Builds the <see cref="FailureSignature"/> of a digest. See docs/clustering.md for what goes in and why.</summary>
public static class SignatureBuilder
{
    private const int MaxErrorChars = 400;
    private const int MaxBriefChars = 240;
    private const int MaxTools = 4;

    public static FailureSignature Build(TraceDigest digest)
    {
        var kinds = digest.Signals.Select(s => s.Kind).Distinct().OrderBy(SignalOrder.Rank).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var errorTypes = digest.Signals.Select(s => s.ErrorType).Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t!.Trim()).Distinct().OrderBy(t => t, StringComparer.Ordinal).Take(3).ToList();
        var behaviour = AgentBehaviour.Of(digest);
        return new FailureSignature(kinds, errorTypes, ErrorText(digest), Tools(digest),
            Brief(behaviour.FailingOutput), Brief(digest.Messages.FirstOrDefault(m => m.Role == "user")?.Content), digest.AgentName,
            behaviour.Move, [.. behaviour.ActedOn.Take(MaxTools)], Brief(behaviour.Reaction));
    }

    /// <summary>Error evidence first (most specific kinds first), then failed tool errors, then user feedback.</summary>
    private static string ErrorText(TraceDigest digest)
    {
        var parts = digest.Signals.OrderBy(s => SignalOrder.Rank(s.Kind))
            .Where(s => SignalOrder.IsErrorKind(s.Kind) || s.Kind is "negative_feedback" or "user_correction")
            .Select(s => (s.Kind, Text: TextMasker.Mask(ErrorLines.Exception(s.Evidence) ?? s.Evidence)))
            .Where(p => !(p.Kind == "negative_feedback" && ErrorLines.IsBareFeedback(p.Text))).Select(p => p.Text)
            .Concat(digest.ToolCalls.Where(t => !string.IsNullOrWhiteSpace(t.Error))
                .Select(t => TextMasker.Mask(ErrorLines.Exception(t.Result) ?? ErrorLines.Exception(t.Error) ?? t.Error)))
            .Where(p => p.Length > 0).Distinct().ToList();
        return Cap(string.Join(" | ", parts), MaxErrorChars);
    }

    private static IReadOnlyList<string> Tools(TraceDigest digest) =>
        digest.ToolCalls.OrderBy(t => string.IsNullOrWhiteSpace(t.Error) ? 1 : 0)
            .Select(t => t.Name.Trim()).Where(n => n.Length > 0).Distinct().Take(MaxTools).ToList();

    private static string Brief(string? text) => Cap(TextMasker.Mask(text), MaxBriefChars);

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..max];
}
