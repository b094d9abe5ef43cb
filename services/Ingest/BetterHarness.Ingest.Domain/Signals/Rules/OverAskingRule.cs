using BetterHarness.Contracts;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// Over-asking: clarifying questions the agent did not need. Deliberately conservative, two cases:
/// (1) the assistant asks for a value the user already gave earlier in the conversation (an email,
/// phone number, ISO date or "&lt;noun&gt; id/number" such as "my user ID is mia_li_3668"), the question
/// does not quote that value back (that would be a confirmation), and no tool call failed in between
/// (a failed lookup is a good reason to ask again); (2) at least <paramref name="maxQuestionsBeforeAction"/>
/// clarifying questions in a row before the agent's first tool call. Free-text slots (names, places,
/// preferences) are not judged: telling whether they were "already supplied" needs understanding.
/// </summary>
public sealed class OverAskingRule(int maxQuestionsBeforeAction = 4) : ISignalRule
{
    public IEnumerable<Signal> Detect(NormalizedTrace trace) =>
        AlreadySupplied(trace.Messages).Take(1).Concat(TooManyBeforeAction(trace.Messages));

    private static IEnumerable<Signal> AlreadySupplied(IReadOnlyList<ConversationMessage> messages)
    {
        var supplied = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var message in messages)
        {
            if (message.Role == Roles.User)
                foreach (var (slot, value) in SuppliedValues.In(message.Content)) supplied[slot] = value;
            else if (message.Role == Roles.Tool && ToolResultErrors.Describe(message.Content) is not null)
                supplied.Clear();
            else if (message.Role == Roles.Assistant && ClarifyingQuestion.Is(message))
            {
                var question = ClarifyingQuestion.Questions(message.Content);
                var (slot, value) = supplied.FirstOrDefault(s => SuppliedValues.Asks(question, s.Key)
                    && !message.Content.Contains(s.Value, StringComparison.OrdinalIgnoreCase));
                if (slot is not null)
                    yield return new Signal(SignalKinds.OverAsking, message.SpanId,
                        Evidence.Short($"asked for {slot} already given ({value}): {message.Content}"), Score: 0.7);
            }
        }
    }

    private IEnumerable<Signal> TooManyBeforeAction(IReadOnlyList<ConversationMessage> messages)
    {
        var questions = 0;
        foreach (var message in messages.Where(m => m.Role == Roles.Assistant))
        {
            if (message.ToolCalls is { Count: > 0 }) yield break;
            questions = ClarifyingQuestion.Is(message) ? questions + 1 : 0;
            if (questions == maxQuestionsBeforeAction)
            {
                yield return new Signal(SignalKinds.OverAsking, message.SpanId,
                    Evidence.Short($"{questions} clarifying questions before any action: {message.Content}"), Score: 0.5);
                yield break;
            }
        }
    }
}
