namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// Reads a stored clustering text back into its parts: the lines <see cref="FailureSignature.Text"/> writes, after an
/// optional <c>root cause:</c> line the failure analyst puts first. The store keeps only the text (it is what is embedded
/// and hashed), so this is how a label gets at the parts. A line it does not know is skipped, so older texts still read.
/// </summary>
public static class SignatureText
{
    private const string RootCausePrefix = "root cause: ";
    private const string MovePrefix = "agent ";
    private const string ActedOn = "; acted on: ";

    /// <param name="RootCause">The analyst's statement as clustered (masked), when the text has one.</param>
    public sealed record Parsed(FailureSignature Signature, string? RootCause);

    public static Parsed Parse(string text)
    {
        string? rootCause = null, errorText = null, output = null, request = null, reaction = null, agent = null, move = null;
        IReadOnlyList<string> kinds = [], errorTypes = [], tools = [], actedOn = [];
        foreach (var line in text.Split('\n'))
        {
            if (Value(line, RootCausePrefix) is { } cause) rootCause = cause;
            else if (Value(line, "failure: ") is { } k) kinds = List(k);
            else if (Value(line, "error type: ") is { } types) errorTypes = List(types);
            else if (Value(line, "error: ") is { } error) errorText = error;
            else if (Value(line, "tools: ") is { } t) tools = List(t);
            else if (Value(line, "agent output: ") is { } o) output = o;
            else if (Value(line, "user reaction: ") is { } r) reaction = r;
            else if (Value(line, "user request: ") is { } q) request = q;
            else if (Value(line, "agent: ") is { } a) agent = a;
            else if (line.StartsWith(MovePrefix, StringComparison.Ordinal) && line.IndexOf(ActedOn, StringComparison.Ordinal) is var at and > 0)
            {
                move = line[MovePrefix.Length..at];
                var acted = line[(at + ActedOn.Length)..];
                actedOn = acted == "nothing" ? [] : List(acted);
            }
        }
        // The text leaves the reaction out when it is the request itself.
        var signature = new FailureSignature(kinds, errorTypes, errorText ?? "", tools, output ?? "", request ?? "", agent,
            move ?? "answered", actedOn, reaction ?? request ?? "");
        return new Parsed(signature, rootCause);
    }

    private static string? Value(string line, string prefix) =>
        line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : null;

    private static IReadOnlyList<string> List(string value) =>
        value.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
