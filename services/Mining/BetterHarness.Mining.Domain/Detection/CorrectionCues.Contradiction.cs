using System.Text.RegularExpressions;

namespace BetterHarness.Mining.Domain.Detection;

/// <summary>
/// Contradiction features added in the third version: whether the user contradicts something the agent stated,
/// in terms that do not depend on the domain — a value of the same kind (amount, code, time, date, count, card
/// digits) replaced by another, the user asserting the opposite of the agent's claim about their own account
/// ("I'm sure I added it", "I thought there were three"), an agent-chosen option swapped ("use my gift card
/// instead"). Two features mark what looks like a correction but is not one: the user blaming themselves
/// ("I gave you the wrong id", "maybe I was mistaken") and pleading for an exception after a refusal.
/// </summary>
public static partial class CorrectionCues
{
    private static string[] ContradictionNames =>
    [
        "value_conflict", "value_conflict_x_rejection", "contrary_belief", "contrary_belief_after_claim",
        "replaces_agent_choice", "self_blame", "pleading", "agent_refused",
    ];

    private static float[] ContradictionFeatures(string a, string u, bool rejects, bool assistantQuestion)
    {
        var conflict = ValueConflict(a, u);
        var belief = ContraryBelief().IsMatch(u);
        var agentClaims = !assistantQuestion || AgentReport().IsMatch(a) || AgentStatesFact().IsMatch(a);
        var replaces = Replacement().IsMatch(u) && (Proposal().IsMatch(a) || AgentReport().IsMatch(a));
        return
        [
            B(conflict),
            B(conflict && (rejects || Replacement().IsMatch(u) || LeadingActually().IsMatch(u))),
            B(belief),
            B(belief && agentClaims),
            B(replaces),
            B(SelfBlame().IsMatch(u)),
            B(Pleading().IsMatch(u)),
            B(AgentRefuses().IsMatch(a)),
        ];
    }

    /// <summary>The user names a value of a kind the agent also named (an amount, a code, a time, a date, a count,
    /// card digits) and none of the agent's values of that kind: "ending in 7334" after "ending in 5018".</summary>
    private static bool ValueConflict(string a, string u)
    {
        foreach (var kind in ValueKinds)
        {
            var userValues = kind.Matches(u).Select(m => m.Value).ToHashSet();
            if (userValues.Count == 0) continue;
            var agentValues = kind.Matches(a).Select(m => m.Value).ToHashSet();
            if (agentValues.Count > 0 && !userValues.Overlaps(agentValues)) return true;
        }
        return false;
    }

    private static readonly Regex[] ValueKinds = [Money(), CodeToken(), ClockTime(), CalendarDate(), CountOfThings(), CardDigits()];

    [GeneratedRegex(@"[$€£]\s?\d[\d,]*(\.\d+)?", O)]
    private static partial Regex Money();

    [GeneratedRegex(@"\b(?=[a-z_-]*\d)(?=[\w-]*[a-z])[a-z0-9_-]{4,}\b", O)]
    private static partial Regex CodeToken();

    [GeneratedRegex(@"\b\d{1,2}(:\d{2})? ?(am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b", O)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday)\b", O)]
    private static partial Regex CalendarDate();

    [GeneratedRegex(@"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (passengers?|people|persons?|adults?|children|kids|bags?|baggages?|suitcases?|items?|tickets?|seats?|nights?|rooms?|units?|pieces?)\b", O)]
    private static partial Regex CountOfThings();

    [GeneratedRegex(@"\b(ending|ends) (in|with) \d{3,4}\b|\b(last (four|4) digits?)\D{0,12}\d{4}\b", O)]
    private static partial Regex CardDigits();

    // The user asserts a fact about their own account or request against the agent: "I'm really sure I added it",
    // "I was certain", "I thought there were three", "I did purchase", "I believe I booked".
    [GeneratedRegex(@"\bi('?m| am| was)( really| quite| pretty| absolutely| very| so)? (sure|certain|positive|confident)\b|\bi (thought|think|believe|remember|recall) (there (were|was|are|is|should)|i (had|have|was|did|added|booked|bought|purchased|selected|paid|chose|made)|it (was|is|should)|my|we (had|have|were|booked))|\bi (did|do|definitely|distinctly|clearly) (purchase|buy|book|add|pay|have|select|remember|mention)|\b(but|actually),? (i|we|it|there|my) (have|had|did|was|were|is|are)\b|\bthat can'?t be (right|correct|true)\b", O)]
    private static partial Regex ContraryBelief();

    // The user swaps what the agent chose or assumed: "use my gift card instead", "I'd rather", "I don't want X included".
    [GeneratedRegex(@"\binstead\b|\brather\b|\bi('d| would)? prefer\b|\b(don'?t|do not|didn'?t|did not) (want|need) (any |the )?[\w ]{0,25}(included|added|on (it|this|the booking))|\b(remove|take off|drop) (the|that|it)\b|\bnot (the|a|my) [\w ]{1,20}\b(but|,)", O)]
    private static partial Regex Replacement();

    // The user blames themselves or takes back their own words: not a correction of the agent.
    [GeneratedRegex(@"\b(sorry|apologi[sz]e|my apologies)\b[^.?!]{0,40}\b(confusion|mistake|my (bad|fault|error)|wrong|misspoke)|\bi (might|may|must)( have)? (made a mistake|been mistaken|mixed|misremembered|gotten|got (it|that) wrong)|\b(i|i've|i have) (provided|gave|given|said|typed|sent) (you )?the wrong\b|\bmy (mistake|bad|fault|error)\b|\b(maybe|perhaps) i (was|am|could have been|might have been) (mistaken|wrong|confused)|\bi (must|might) have (mixed|misread|forgotten|confused)|\bi stand corrected\b", O)]
    private static partial Regex SelfBlame();

    // Asking for an exception after a policy answer: the agent was not wrong, the user wants something else.
    [GeneratedRegex(@"\b(any|no|another|other) (way|exception|chance|option)s?\b|\bexception\b|\bpolicy\b|\bwaive\w*\b|\bflexib\w*\b|\b(absolutely|really) (no|nothing)\b|\bis there (anything|something) (else )?(you|we) can\b|\bmake an exception\b|\bescalate\b|\bplease,? (i|it'?s) (really|urgent|important)", O)]
    private static partial Regex Pleading();

    [GeneratedRegex(@"\b(unfortunately|i('m| am) (unable|not able|afraid)|i (cannot|can'?t|can not)|(is|are) not (possible|allowed|eligible|permitted|refundable)|not (be )?eligible|(does|do) not (allow|permit)|against (our|the) policy)\b", O)]
    private static partial Regex AgentRefuses();

    // The agent states a fact about the user's account even when it ends with a question.
    [GeneratedRegex(@"\b(your|the) (reservation|booking|order|account|profile|membership|ticket|flight|record)s? (shows?|has|have|is|are|was|were|includes?|lists?|indicates?)\b|\b(there (is|are|was|were)|you have|you('re| are)|it (shows|looks like|appears))\b", O)]
    private static partial Regex AgentStatesFact();
}
