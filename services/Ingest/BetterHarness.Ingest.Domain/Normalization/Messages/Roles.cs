namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>Maps the role names SDKs use onto system, user, assistant and tool.</summary>
public static class Roles
{
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";

    public static string Normalize(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        "system" or "developer" => System,
        "user" or "human" => User,
        "assistant" or "ai" or "model" or "bot" or "chatbot" => Assistant,
        "tool" or "function" or "ipython" => Tool,
        null or "" => User,
        var other => other,
    };
}
