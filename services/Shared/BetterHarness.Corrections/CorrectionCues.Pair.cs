using System.Text.RegularExpressions;

namespace BetterHarness.Corrections;

/// <summary>
/// Pair features added in the second version of the detector: they look at the user turn against the
/// agent turn (what the user rejects, whether the user points at their own earlier words, whether the
/// reply is just the answer the agent asked for).
/// </summary>
public static partial class CorrectionCues
{
    /// <summary>The text ends with a question (or a question followed by a short tail such as "Thanks.").</summary>
    public static bool EndsWithQuestion(string text) => text.TrimEnd().EndsWith('?') || QuestionNearEnd().IsMatch(text);

    /// <summary>Pair features, appended after the first 24 cues (names in <see cref="Names"/>).</summary>
    private static float[] PairFeatures(string a, string u, float overlap, bool assistantQuestion)
    {
        var rejects = LeadingRejection().IsMatch(u);
        var ownWords = OwnWords().IsMatch(u);
        var contrast = XNotYStrict().IsMatch(u) || NotXButYStrict().IsMatch(u);
        var closing = ClosingNo().IsMatch(u);
        var insists = Insists().IsMatch(u);
        var agentAsked = AgentAsksForInfo().IsMatch(a);
        var answer = agentAsked && !rejects && !contrast && !ownWords && !insists;
        var claimValues = ClaimValues(a, u);
        var sawStatement = !assistantQuestion || Proposal().IsMatch(a) || AgentReport().IsMatch(a);
        return
        [
            (float)CorrectionEvidence.Score(a, u),
            B(rejects) * overlap,
            B(rejects && !assistantQuestion),
            B(contrast),
            B(ownWords),
            B(rejects && (ownWords || contrast)),
            B(insists),
            B(insists || rejects) * claimValues,
            B(closing),
            B(answer),
            B(sawStatement && (rejects || contrast || ownWords || insists)),
            B(Misunderstanding().IsMatch(u)),
        ];
    }

    private static string[] PairNames =>
    [
        "evidence_score", "rejection_x_overlap", "rejection_after_statement", "x_not_y", "own_words",
        "rejection_with_reference", "insists", "dispute_with_value", "closing_no", "answers_request",
        "dispute_after_agent_claim", "misunderstanding",
    ];

    /// <summary>1 when the user names a value (number, id, day, "cheapest"…) the agent did not use — the corrected value;
    /// 0.5 when the user only repeats the agent's values; 0 when the user names none.</summary>
    private static float ClaimValues(string a, string u)
    {
        var userValues = Value().Matches(u).Select(m => m.Value).ToHashSet();
        if (userValues.Count == 0) return 0;
        var agentValues = Value().Matches(a).Select(m => m.Value).ToHashSet();
        return userValues.Any(v => !agentValues.Contains(v)) ? 1 : 0.5f;
    }

    // "No", "Nope", "Actually", "Wait", "That's not", "Not X" at the start: the user pushes back on what came before.
    [GeneratedRegex(@"^\W*((no|nope|nah)\b(?!,? (problem|worries|thanks|thank you|rush|hurry|need|nothing|that'?s (all|it|fine|okay|ok|alright|everything)|i'?m (good|fine|all set)))|actually\b|wait\b|hold on\b|that'?s not\b|that is not\b|not\b|umm?,? no\b|sorry,? (but|no)\b)", O)]
    private static partial Regex LeadingRejection();

    [GeneratedRegex(@"\b(i|we) (said|meant|asked( for)?|told you|wanted|specified|requested|mentioned|was asking( for)?|already (said|told|gave|provided|asked|mentioned))\b", O)]
    private static partial Regex OwnWords();

    [GeneratedRegex(@"\w, not (?!(sure|now|yet|really|at all|quite|too|much|that|even|only|just)\b)[\w-]+|\b(i|we) (want|wanted|need|needed|meant|said|asked for) [^,.?!]{1,40}, not\b", O)]
    private static partial Regex XNotYStrict();

    [GeneratedRegex(@"(^|[,;]\s*|\b(is|it'?s|was|were|are)\s+)not (?!(sure|certain|able|mentioned|only)\b)[^,.?!]{1,30}?,? but\b|\binstead of\b|\brather than\b", O)]
    private static partial Regex NotXButYStrict();

    [GeneratedRegex(@"^\W*(no|nope|nah)\b,? (thanks|thank you|that'?s (all|it|everything)|i'?m (good|fine|all set)|nothing( else)?)\b|^\W*(no|nope),? (i|we) (don'?t|do not) (need|want|have) (anything|any ?thing|nothing) (else|more)\b", O)]
    private static partial Regex ClosingNo();

    [GeneratedRegex(@"\bi('?m| am) (sure|certain|positive)\b|\bi (distinctly|definitely|clearly) (remember|booked|added|bought|purchased|said)\b|\bi (did|actually) (purchase|buy|book|add|pay|have|say)\b|\bthere (should|must) (be|have been)\b|\b(double[- ]?check|check again|look again|are you sure)\b|\bthat can'?t be right\b", O)]
    private static partial Regex Insists();

    [GeneratedRegex(@"\b(could|can|would) you (please )?(provide|tell me|give me|share|confirm|let me know)\b|\bplease (provide|tell me|share|let me know|specify)\b|\bwhat (is|are) (your|the)\b|\bwhich (one|option|flight|reservation|day|date|time)\b", O)]
    private static partial Regex AgentAsksForInfo();

    [GeneratedRegex(@"\b(would you like (me )?to|shall i|should i|do you want (me )?to|please confirm|confirm if)\b", O)]
    private static partial Regex Proposal();

    [GeneratedRegex(@"\b(i('ve| have)|has been|have been|is now|was) (booked|cancel+ed|changed|updated|reserved|processed|added|found|issued|made|set)\b|\bhere (is|are)\b|\b(booked|cancel+ed|confirmed) (for you|successfully)\b", O)]
    private static partial Regex AgentReport();

    [GeneratedRegex(@"\b(misunderst\w*|mix-?up|mixed up|confusion|confused|going in circles|not what i|wrong (one|flight|date|city|reservation|day|time|person|name))\b", O)]
    private static partial Regex Misunderstanding();

    [GeneratedRegex(@"\b[a-z]*\d[a-z0-9]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|night|earliest|latest|cheapest|fastest|direct|nonstop|economy|business|first|one-way|round)\b")]
    private static partial Regex Value();
}
