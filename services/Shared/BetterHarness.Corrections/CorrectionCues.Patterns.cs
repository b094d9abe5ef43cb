using System.Text.RegularExpressions;

namespace BetterHarness.Corrections;

public static partial class CorrectionCues
{
    private const RegexOptions O = RegexOptions.CultureInvariant;

    // "No" that is not "no problem / no thanks": the start of a dispute, or an answer to a question.
    [GeneratedRegex(@"^\W*(no|nope|nah)\b(?!,? (problem|worries|thanks|thank you|need|that'?s (all|it|fine|ok)|i'?m (good|fine)))", O)]
    private static partial Regex LeadingNo();

    [GeneratedRegex(@"\bi (said|meant|asked( for)?|told you|mentioned|specified|requested)\b|\b(as|like) i (said|mentioned|told you)\b|\bi (already|just) (said|told|gave|asked|mentioned|provided)\b|\bwhat i (meant|said|asked|wanted)\b", O)]
    private static partial Regex SaidMeant();

    [GeneratedRegex(@"\bnot what i\b|\bi (didn'?t|did not|never) (ask|say|want|request|mention|agree|book|choose)\b|\bthat'?s not (it|right|correct|true|the one)\b", O)]
    private static partial Regex NotWhatI();

    [GeneratedRegex(@"\byou('re| are) (wrong|mistaken|confused|not (listening|answering))\b|\byou (misunderstood|misheard|got (it|that|this) wrong|made a mistake|have (it|that) wrong|mixed)\b|\b(that'?s|that is|this is|it'?s|it is) (wrong|incorrect|not (right|correct|accurate|true))\b|\byou (didn'?t|did not|never) (answer|listen|read)\b", O)]
    private static partial Regex YouWrong();

    [GeneratedRegex(@"what (are|r) (you|u) (talking|on) about|what do you mean|(doesn'?t|does not|didn'?t|did not|don'?t) make (any )?sense|makes no sense|off topic|not answering|you (didn'?t|did not) answer|^\W*(what|huh)\W*$|\bthat'?s (random|weird|odd)\b|\birrelevant\b|\bnonsense\b", O)]
    private static partial Regex Confusion();

    [GeneratedRegex(@"\b(wrong|incorrect|mistake|mistaken|error|mix-?up|mixed up|misunderst\w*|confus\w*|inaccurate|discrepancy)\b", O)]
    private static partial Regex MistakeWord();

    [GeneratedRegex(@"^\W*(actually|wait|hold on|hmm+)\b", O)]
    private static partial Regex LeadingActually();

    [GeneratedRegex(@"\b(not|no|never|neither|nor|none)\b|n'?t\b", O)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\w, not \w|\bnot \w[^,.?!]{0,30},? but\b|\binstead\b|\brather than\b|\bonly (need|want)", O)]
    private static partial Regex Contrast();

    [GeneratedRegex(@"\?[^?]{0,80}$")]
    private static partial Regex QuestionNearEnd();

    [GeneratedRegex(@"^\W*(i (understand|appreciate|see|get (it|that))|i know|ok(ay)?|alright)\b[^.?!]{0,60}\bbut\b|\b(exception|escalate|supervisor|anything (else )?(you can|we can) do)\b", O)]
    private static partial Regex Pushback();

    [GeneratedRegex(@"^\W*(yes|yeah|yep|sure|great|perfect|ok(ay)?|sounds good|that works|thanks?|thank you|i love|awesome|cool)\b", O)]
    private static partial Regex Acceptance();

    [GeneratedRegex(@"\bi('?m| am) (sure|certain|positive)\b|\bi (remember|thought|believe|recall)\b|\bi (did|do) (have|book|purchase|buy|pay|select)\b|\bi was (told|informed)\b", O)]
    private static partial Regex ConfidentMemory();

    [GeneratedRegex(@"\b(double[- ]?check|check again|are you sure|look again|re-?check|verify (that|again))\b", O)]
    private static partial Regex CheckAgain();

    [GeneratedRegex(@"\b(should|must) (be|have|include|cover)\b|\bsupposed to\b|\bthere (should|must) be\b", O)]
    private static partial Regex ShouldBe();

    [GeneratedRegex(@"\bmy (user ?id|username|reservation|name|email|phone|number|id|zip|address)\b[^.?!]{0,20}\b(is|was)\b|^\W*(i'?m|i am|it'?s) [a-z]+_[a-z]+", O)]
    private static partial Regex GivesInfo();

    [GeneratedRegex(@"[a-z][a-z']+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b\d+(\.\d+)?\b|\b(one|two|three|four|five|six|seven|eight|nine|ten)\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
