namespace BetterHarness.Contracts;

/// <summary>
/// The failure signal kinds a <see cref="DigestSignal.Kind"/> can hold, and the one rule that makes a trace
/// failed or corrected. Every service reads the kinds from here instead of repeating string literals.
/// </summary>
public static class SignalKinds
{
    /// <summary>A span ended with error status (or recorded error.type).</summary>
    public const string Error = "error";
    /// <summary>A span recorded an exception event.</summary>
    public const string Exception = "exception";
    /// <summary>A tool execution failed or returned an error result.</summary>
    public const string ToolFailure = "tool_failure";
    /// <summary>The same call (or the same assistant text) repeated.</summary>
    public const string Loop = "loop";
    /// <summary>The agent hit a step, token or iteration limit.</summary>
    public const string StepLimit = "step_limit";
    /// <summary>Clarifying questions where the user had already given what was needed.</summary>
    public const string OverAsking = "over_asking";
    /// <summary>Feedback (a label or score) that says the run was bad.</summary>
    public const string NegativeFeedback = "negative_feedback";
    /// <summary>The user corrected the agent ("no, I meant…"), in the conversation or in feedback.</summary>
    public const string UserCorrection = "user_correction";

    /// <summary>Every kind, from most to least telling about what went wrong.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Exception, ToolFailure, Error, Loop, StepLimit, OverAsking, UserCorrection, NegativeFeedback];

    /// <summary>Kinds whose evidence is an error message (status, exception, failed tool).</summary>
    public static bool IsError(string kind) => kind is Exception or ToolFailure or Error;

    /// <summary>Every kind except user_correction marks a trace as failed.</summary>
    public static bool IsFailure(string kind) => kind != UserCorrection;

    /// <summary>A user correction marks a trace as corrected.</summary>
    public static bool IsCorrection(string kind) => kind == UserCorrection;

    /// <summary>Failed: any failure signal fired (the rule behind <see cref="TraceDigest.Failed"/>).</summary>
    public static bool AnyFailure(IEnumerable<string> kinds) => kinds.Any(IsFailure);

    /// <summary>Corrected: a user correction fired (the rule behind <see cref="TraceDigest.Corrected"/>).</summary>
    public static bool AnyCorrection(IEnumerable<string> kinds) => kinds.Any(IsCorrection);

    /// <summary>
    /// What clustering and mining want: a digest that is failed or corrected. A newer revision that is
    /// neither withdraws the trace downstream (its failure was superseded, e.g. by positive feedback).
    /// </summary>
    public static bool IsFlagged(this TraceDigest digest) => digest.Failed || digest.Corrected;
}
