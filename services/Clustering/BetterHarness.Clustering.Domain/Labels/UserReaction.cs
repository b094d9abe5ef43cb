using System.Text.RegularExpressions;

namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>
/// How the user reacted, from the (masked) text of their last substantive message: asked for a person, ended the
/// conversation, pushed back, or confirmed. Checked in that order ("no, that's all, thanks" ends it; "yes, please
/// transfer me" asks for a person). Null when the text says none of these.
/// </summary>
public static partial class UserReaction
{
    public const string AsksForHuman = "asks for a human";
    public const string Ends = "ends the conversation";
    public const string PushesBack = "pushes back";
    public const string Confirms = "confirms";

    public static string? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Human().IsMatch(text)) return AsksForHuman;
        if (Closing().IsMatch(text)) return Ends;
        if (PushBack().IsMatch(text)) return PushesBack;
        if (Confirm().IsMatch(text)) return Confirms;
        return Thanks().IsMatch(text) ? Ends : null;
    }

    [GeneratedRegex(@"\b(human|supervisor|manager|real person|someone else|speak (to|with)|talk (to|with)|transfer me)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Human();

    [GeneratedRegex(@"\b(that'?s all|that is all|nothing else|no further|###stop###)", RegexOptions.IgnoreCase)]
    private static partial Regex Closing();

    [GeneratedRegex(@"^\W*(no|nope|actually|wait)\b|\b(that'?s not|that is not|not what i|i said|i meant|i asked for|wrong|incorrect)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PushBack();

    [GeneratedRegex(@"^\W*(yes|yeah|yep|sure|ok|okay|correct|perfect|great|sounds good|that sounds)\b|\b(please proceed|go ahead|i confirm|proceed with)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Confirm();

    [GeneratedRegex(@"\b(thanks?|thank you|goodbye|bye)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Thanks();
}
