using BetterHarness.Mining.Domain.Redaction;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Tests.Redaction;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("write to mia.li3818@example.com today", "write to [EMAIL_1] today")]
    [InlineData("call +1 415-555-0132 or (415) 555-0199", "call [PHONE_1] or [PHONE_2]")]
    [InlineData("card 4111 1111 1111 1111 expires", "card [CARD_1] expires")]
    [InlineData("card 4111-1111-1111-1111", "card [CARD_1]")]
    [InlineData("key sk-proj-abcdefghijklmnop1234 here", "key [API_KEY_1] here")]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123", "[API_KEY_1]")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE", "aws [API_KEY_1]")]
    [InlineData("Authorization: Bearer abc.DEF-123_456789xyz", "Authorization: Bearer [TOKEN_1]")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt [TOKEN_1]")]
    [InlineData("api_key=Zx81-klmQ9_pp", "api_key=[TOKEN_1]")]
    [InlineData("{\\\"password\\\": \\\"hunter2hunter2\\\"}", "{\\\"password\\\": \\\"[TOKEN_1]\\\"}")]
    public void Replaces_each_kind_of_sensitive_value_with_a_typed_placeholder(string input, string expected)
    {
        Assert.Equal(expected, Redactor.Default.Redact(input));
    }

    [Theory]
    [InlineData("flight HAT083 costs $1,172 on 2024-05-20 at 11:00")]
    [InlineData("reservation 4OG6T3, order 1234567890123 (fails the card checksum)")]
    [InlineData("trace 268e234c52e0339ba0fa882f55364d10")]
    public void Leaves_ordinary_numbers_ids_and_dates_alone(string text)
    {
        Assert.Equal(text, Redactor.Default.Redact(text));
    }

    [Fact]
    public void Same_value_gets_the_same_placeholder_everywhere_in_a_case()
    {
        var evalCase = Samples.Case("My email is Mia@Example.com, again: mia@example.com. Other: bob@example.org",
            toolArguments: """{"email":"mia@example.com","card":"4111111111111111"}""", toolResponse: "sent to mia@example.com, card 4111 1111 1111 1111");

        var redacted = Redactor.Default.Redact(evalCase);

        Assert.Equal("My email is [EMAIL_1], again: [EMAIL_1]. Other: [EMAIL_2]", redacted.Input.Messages[0].Content);
        Assert.Equal("[EMAIL_1]", (string?)redacted.Input.Messages[1].ToolCalls![0].Arguments!["email"]);
        Assert.Equal("sent to [EMAIL_1], card [CARD_1]", redacted.Tools.Recorded[0].Response);
        Assert.Equal("[CARD_1]", (string?)redacted.Input.Messages[1].ToolCalls![0].Arguments!["card"]);
        Assert.DoesNotContain("example.com", EvalCaseJson.Serialize(redacted), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Keeps_ids_and_provenance_untouched()
    {
        var evalCase = Samples.Case("hello");

        var redacted = Redactor.Default.Redact(evalCase);

        Assert.Equal(evalCase.Id, redacted.Id);
        Assert.Equal(evalCase.Provenance, redacted.Provenance);
    }

    [Fact]
    public void Applies_configured_patterns_with_their_own_placeholder_kind()
    {
        var redactor = Redactor.WithCustom([("employee_id", @"\bE\d{6}\b")]);

        Assert.Equal("badge [EMPLOYEE_ID_1] and [EMPLOYEE_ID_1]", redactor.Redact("badge E123456 and E123456"));
    }
}
