using System.Text.RegularExpressions;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// Scores how likely a user turn corrects the assistant turn before it (0..1). Each cue carries a weight;
/// cues combine as independent evidence (1 − Π(1 − w)). Strong cues refer back to the agent or to what
/// the user said ("that's not what I asked", "I already told you", "you misunderstood", "X, not Y");
/// weak ones ("Actually, …", a leading "No") only count in the right context: a "No" that answers the
/// assistant's question is an answer, not a correction.
/// </summary>
public static partial class CorrectionScorer
{
    private sealed record Cue(Regex Pattern, double Weight);

    private static readonly Cue[] Cues =
    [
        new(new Regex(@"\b(no|nope),? i (meant|said|asked|wanted|need(ed)?|was asking)\b", Options), 0.9),
        new(new Regex(@"\b(that'?s|that is|this is|it'?s|it is) not what i (asked|said|wanted|meant|requested|need(ed)?)\b", Options), 0.9),
        new(new Regex(@"\bwhat i (meant|said|asked( for)?|wanted) (was|is)\b", Options), 0.85),
        new(new Regex(@"\bi (already|just) (said|told you|mentioned|gave you|provided|asked( for)?|explained)\b", Options), 0.85),
        new(new Regex(@"\bas i (said|mentioned|stated|told you|explained|noted)\b", Options), 0.85),
        new(new Regex(@"\bi (didn'?t|did not|never) (ask|say|want|request|mention|agree)\b", Options), 0.85),
        new(new Regex(@"\byou('re| are)? (misunderstood|misheard|got (it|that|this) wrong|made a mistake|(are |'re )?wrong|have (it|that) wrong|mixed (it|them|that) up)\b", Options), 0.85),
        new(new Regex(@"\b(that'?s|that is|this is|it'?s|it is|these are|those are) (wrong|incorrect|not (right|correct|accurate|true))\b", Options), 0.85),
        new(new Regex(@"\b(there (might|must|may|seems to) (be|have been)|there'?s|there is|there was) (some |a )?(confusion|misunderstanding|mistake|mix-?up)\b", Options), 0.8),
        new(new Regex(@"\bi meant\b", Options), 0.8),
        new(new Regex(@"^\W*actually,? i (wanted|meant|said|asked|did|was|only|already|never|booked|purchased|have)\b", Options), 0.75),
        new(new Regex(@"\bi did (purchase|buy|book|pay|add|say|mention|ask|provide|give|select|choose)\b", Options), 0.7),
        new(new Regex(@"\w, not (?!(sure|now|yet|really|at all|quite|too|much|that)\b)(a |an |the |my |to )?[\w-]+", Options), 0.6),
        // "not X but Y" stated of a thing ("LA but Las Vegas"), not "I don't remember X, but my Y is …".
        new(new Regex(@"(^|[,;]\s*|\b(is|it'?s|was|were|are)\s+)not (?!(sure|certain|able|mentioned)\b)[^,.?!]{1,30}?,? but\b", Options), 0.6),
        new(new Regex(@"\bdon'?t want to [^.?!]{1,40}, (just|only) (the|my|to)\b", Options), 0.6),
        // Alone too weak: users also say "I gave you the wrong ID" about themselves.
        new(new Regex(@"\b(wrong|incorrect)\b", Options), 0.45),
        // Rejecting every proposal usually brings a new constraint rather than a correction: weak alone.
        new(new Regex(@"\b(neither|none) of (those|these|them|the)\b[^.?!]*\b(work|suit|fit|match)", Options), 0.4),
        new(new Regex(@"\b(doesn'?t|don'?t|won'?t|does not|do not) work for me\b", Options), 0.4),
        new(new Regex(@"^\W*actually,? (i|my|it|that|the|we)\b(?! (also|just remembered|remember|think|have (a|another|one more)))", Options), 0.45),
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public static (double Score, string? Cue) Score(string userText, string previousAssistantText)
    {
        var miss = 1.0;
        string? strongest = null;
        var best = 0.0;
        foreach (var cue in Cues)
        {
            var match = cue.Pattern.Match(userText);
            if (!match.Success) continue;
            miss *= 1 - cue.Weight;
            if (cue.Weight > best) (best, strongest) = (cue.Weight, match.Value.Trim());
        }
        if (LeadingNo().IsMatch(userText))
        {
            // "No" answering "Would you like …?" is an answer; "No" after a statement disputes it.
            var weight = EndsWithQuestion(previousAssistantText) ? 0.1 : 0.55;
            miss *= 1 - weight;
            if (weight > best) (best, strongest) = (weight, "No");
        }
        if (ActuallyLead().IsMatch(userText) && Proposal().IsMatch(previousAssistantText))
        {
            // "Actually, …" in reply to "Shall I book X?" turns the agent's plan down and redirects it.
            miss *= 1 - 0.2;
            strongest ??= "Actually";
        }
        return (Math.Round(1 - miss, 2), strongest);
    }

    public static bool EndsWithQuestion(string text) => text.TrimEnd().EndsWith('?') || QuestionNearEnd().IsMatch(text);

    [GeneratedRegex(@"^\W*(no|nope|nah)\b(?!,? (problem|worries|thanks|thank you|rush|hurry|need|nothing|that'?s (all|it|fine|okay|ok|alright|everything)|i'?m (good|fine|all set)))", Options)]
    private static partial Regex LeadingNo();

    [GeneratedRegex(@"^\W*actually\b", Options)]
    private static partial Regex ActuallyLead();

    [GeneratedRegex(@"\b(would you like (me )?to|shall i|should i|do you want (me )?to|(would you like to|can i|may i) (proceed|go ahead)|confirm)\b[^?]{0,200}\?\s*$", Options)]
    private static partial Regex Proposal();

    [GeneratedRegex(@"\?[^?]{0,80}$")]
    private static partial Regex QuestionNearEnd();
}
