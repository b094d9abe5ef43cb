using System.Text.RegularExpressions;

namespace BetterHarness.Corrections;

/// <summary>
/// A rule score of how strongly a user turn disputes the agent turn before it (0..1): ingest's <c>user_correction</c>
/// signal (at 0.5 and above) and one feature of mining's learned detector (so a change here changes the shipped model's
/// input: retrain it). Each cue is independent evidence with a weight, combined as 1 − Π(1 − w): strong cues point back
/// at the agent or at what the user said before; weak ones ("Actually", a leading "No") count only in context, and a
/// "No" that answers the agent's question counts for little.
/// </summary>
public static partial class CorrectionEvidence
{
    private const RegexOptions O = RegexOptions.CultureInvariant;

    private static readonly (Regex Pattern, double Weight)[] Cues =
    [
        (NoIMeant(), 0.9),
        (NotWhatIAsked(), 0.9),
        (WhatIMeantWas(), 0.85),
        (AlreadyToldYou(), 0.85),
        (DidNotAsk(), 0.85),
        (YouGotItWrong(), 0.85),
        (ThatIsWrong(), 0.85),
        (ThereIsAMixUp(), 0.8),
        (IMeant(), 0.75),
        (ActuallyI(), 0.7),
        (IDidHave(), 0.65),
        (XNotY(), 0.6),
        (NotXButY(), 0.6),
        (InsistsOnMemory(), 0.55),
        (CheckAgain(), 0.4),
        (WrongWord(), 0.4),
        (DoesNotMakeSense(), 0.7),
    ];

    /// <summary>The rule score of <paramref name="user"/> replying to <paramref name="assistant"/> (0..1).</summary>
    public static double Score(string assistant, string user) => Explain(assistant, user).Score;

    /// <summary>The rule score and the text of its strongest cue (null when none fired): what a person reads as evidence.</summary>
    public static (double Score, string? Cue) Explain(string assistant, string user)
    {
        var u = CorrectionCues.Normalize(user);
        var a = CorrectionCues.Normalize(assistant);
        var miss = 1.0;
        string? strongest = null;
        var best = 0.0;
        foreach (var (pattern, weight) in Cues)
        {
            var match = pattern.Match(u);
            if (!match.Success) continue;
            miss *= 1 - weight;
            if (weight > best) (best, strongest) = (weight, match.Value.Trim());
        }
        if (Closing().IsMatch(u)) miss = 1 - (1 - miss) * 0.3;
        else if (LeadingNo().IsMatch(u))
        {
            var factor = CorrectionCues.EndsWithQuestion(a) ? 0.9 : 0.45;
            miss *= factor;
            if (1 - factor > best) strongest = "no";
        }
        return (Math.Round(1 - miss, 3), strongest);
    }

    [GeneratedRegex(@"\b(no|nope),? (i|we) (meant|said|asked|wanted|need(ed)?|was asking|told you)\b", O)]
    private static partial Regex NoIMeant();

    [GeneratedRegex(@"\b(that'?s|that is|this is|it'?s|it is|those are|these are) not what (i|we) (asked|said|wanted|meant|requested|need(ed)?|was (asking|talking) about|am talking about)\b", O)]
    private static partial Regex NotWhatIAsked();

    [GeneratedRegex(@"\bwhat (i|we) (meant|said|asked( for)?|wanted|requested) (was|is)\b", O)]
    private static partial Regex WhatIMeantWas();

    [GeneratedRegex(@"\b(i|we) (already|just) (said|told you|mentioned|gave you|provided|asked( for)?|explained)\b|\b(as|like) (i|we) (said|mentioned|stated|told you|explained)\b|\bis already provided\b", O)]
    private static partial Regex AlreadyToldYou();

    [GeneratedRegex(@"\b(i|we) (didn'?t|did not|never) (ask|say|want|request|mention|agree)\b", O)]
    private static partial Regex DidNotAsk();

    [GeneratedRegex(@"\byou('ve| have)? (misunderstood|misheard|got (it|that|this|me) wrong|made a mistake|mixed (it|them|that|things) up)\b|\byou('re| are) (wrong|mistaken|confused|confusing)\b|\byou have (it|that) wrong\b", O)]
    private static partial Regex YouGotItWrong();

    [GeneratedRegex(@"\b(that'?s|that is|this is|it'?s|it is|these are|those are) (wrong|incorrect|not (right|correct|accurate|true))\b|\bthat can'?t be (right|correct|true)\b", O)]
    private static partial Regex ThatIsWrong();

    [GeneratedRegex(@"\b(there (might|must|may|seems to|could) (be|have been)|there'?s|there is|there was|i think there'?s) (some |a |been (a |some )?)?(confusion|misunderstanding|mistake|mix-?up|error)\b|\bsome (confusion|mix-?up)\b", O)]
    private static partial Regex ThereIsAMixUp();

    [GeneratedRegex(@"\bi meant\b|\bi was (asking|talking) about\b", O)]
    private static partial Regex IMeant();

    [GeneratedRegex(@"^\W*(well,? )?actually,? (i|my|it|that|the|we)\b(?! (also|just remembered|think|have (a|another|one more)))", O)]
    private static partial Regex ActuallyI();

    [GeneratedRegex(@"\bi (did|do|definitely|actually) (purchase|buy|book|booked|pay|add|added|have|say|mention|ask|select|choose|purchased)\b", O)]
    private static partial Regex IDidHave();

    [GeneratedRegex(@"\w, not (?!(sure|now|yet|really|at all|quite|too|much|that|even|only|just)\b)(a |an |the |my |to |from |in |on |at )?[\w-]+", O)]
    private static partial Regex XNotY();

    [GeneratedRegex(@"(^|[,;]\s*|\b(is|it'?s|was|were|are|want|need|wanted|meant|said)\s+)not (?!(sure|certain|able|mentioned|only)\b)[^,.?!]{1,30}?,? but\b", O)]
    private static partial Regex NotXButY();

    [GeneratedRegex(@"\bi('?m| am) (sure|certain|positive)\b|\bi (distinctly|definitely|clearly) (remember|booked|added|bought|purchased|said)\b|\bi (thought|believe) (i|there|it|we|my)\b|\bthere (should|must) (be|have been)\b", O)]
    private static partial Regex InsistsOnMemory();

    [GeneratedRegex(@"\b(double[- ]?check|check again|look again|re-?check|verify (that|this|it) again|are you sure)\b", O)]
    private static partial Regex CheckAgain();

    [GeneratedRegex(@"\b(wrong|incorrect)\b", O)]
    private static partial Regex WrongWord();

    [GeneratedRegex(@"(doesn'?t|does not|didn'?t|did not|don'?t) make (any )?sense|makes no sense|not making sense|what (are|r) (you|u) talking about", O)]
    private static partial Regex DoesNotMakeSense();

    [GeneratedRegex(@"^\W*(no|nope|nah)\b(?!,? (problem|worries|thanks|thank you|rush|hurry|need|nothing|that'?s (all|it|fine|okay|ok|alright|everything)|i'?m (good|fine|all set)))", O)]
    private static partial Regex LeadingNo();

    [GeneratedRegex(@"^\W*(no|nope|nah)\b,? (thanks|thank you|that'?s (all|it|everything)|i'?m (good|fine|all set)|nothing( else)?)\b", O)]
    private static partial Regex Closing();
}
