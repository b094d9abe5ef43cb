namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// What went wrong in one failed trace, reduced to the parts that recur across traces that fail the same way.
/// <see cref="Text"/> is what gets embedded; <see cref="Hash"/> keys the embedding cache, so traces with the
/// same masked signature share one embedding and one KMeans point.
/// </summary>
/// <param name="Kinds">Distinct signal kinds, ordered by how specific they are (see <see cref="SignalOrder"/>).</param>
/// <param name="ErrorTypes">error.type / exception types, when the signals carry them.</param>
/// <param name="ErrorText">Masked error, exception, failed-tool and feedback evidence.</param>
/// <param name="Tools">Tools involved in the failure (failed ones first).</param>
/// <param name="Output">Masked text of the agent's failing output, in brief.</param>
/// <param name="Request">Masked text of the user's request, in brief.</param>
/// <param name="Agent">The agent's name, when known.</param>
/// <param name="Move">The agent's last move (<see cref="AgentBehaviour.Move"/>).</param>
/// <param name="ActedOn">State-changing tools the agent called.</param>
/// <param name="Reaction">Masked text of the user's last message, in brief.</param>
public sealed record FailureSignature(
    IReadOnlyList<string> Kinds, IReadOnlyList<string> ErrorTypes, string ErrorText, IReadOnlyList<string> Tools,
    string Output, string Request, string? Agent, string Move = "answered", IReadOnlyList<string>? ActedOn = null, string Reaction = "")
{
    /// <summary>The kind that best says what went wrong: the first of <see cref="Kinds"/>.</summary>
    public string DominantKind => Kinds.Count > 0 ? Kinds[0] : "unknown";

    /// <summary>
    /// One line per part, the failure first: MiniLM reads at most a few hundred tokens, so what went wrong
    /// must come before the context (request, agent) that only helps to separate otherwise similar failures.
    /// </summary>
    public string Text
    {
        get
        {
            var lines = new List<string> { "failure: " + string.Join(", ", Kinds) };
            lines.Add($"agent {Move}; acted on: " + (ActedOn is { Count: > 0 } ? string.Join(", ", ActedOn) : "nothing"));
            if (ErrorTypes.Count > 0) lines.Add("error type: " + string.Join(", ", ErrorTypes));
            if (ErrorText.Length > 0) lines.Add("error: " + ErrorText);
            if (Tools.Count > 0) lines.Add("tools: " + string.Join(", ", Tools));
            if (Output.Length > 0) lines.Add("agent output: " + Output);
            if (Reaction.Length > 0 && Reaction != Request) lines.Add("user reaction: " + Reaction);
            if (Request.Length > 0) lines.Add("user request: " + Request);
            if (!string.IsNullOrEmpty(Agent)) lines.Add("agent: " + Agent);
            return string.Join('\n', lines);
        }
    }

    /// <summary>SHA-256 of <see cref="Text"/> (hex, 32 chars): the cache key for its features.</summary>
    public string Hash => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text)))[..32];
}
