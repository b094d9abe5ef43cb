using BetterHarness.Contracts;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// Synthetic failures with production-like variety: 48 failure modes (error text, tool, signal kind), each seen
/// from several user requests and agent replies, with ids, numbers, paths and quoted values that differ on
/// every trace (masking folds them). Seeded: the same seed gives the same failures.
/// </summary>
public sealed class ClustersBenchSynthetic(int seed)
{
    private static readonly (string Kind, string Tool, string Error)[] Modes = BuildModes();
    private static readonly string[] Requests =
    [
        "change my flight {0} to next friday", "cancel reservation {0} and refund me", "what is the status of order {0}",
        "upgrade booking {0} to business class", "find a hotel near {1} for {2} nights", "refund the charge of ${2} on card ending {2}",
        "update my address to {2} main street", "why was I billed ${2} twice", "book a table for {2} at {1}",
        "summarise the report in {3}", "export my invoices since {4}", "reset the password for {5}",
        "compare plans for {2} users", "add {2} bags to booking {0}", "translate the document {3} to french",
    ];
    private static readonly string[] Replies =
    [
        "I'm sorry, I couldn't complete that because the service returned an error.",
        "Let me try that again for you.", "It seems something went wrong while processing your request.",
        "I was unable to find the information you asked for.", "I have updated your booking as requested.",
    ];

    private readonly Random _rng = new(seed);

    public int ModeCount => Modes.Length;

    public (TraceDigest Digest, int Mode) Next(DateTimeOffset completedAt)
    {
        var mode = _rng.Next(Modes.Length);
        var (kind, tool, error) = Modes[mode];
        // Each mode sees a few typical requests and replies (not all 15 × 5), as real failure modes do.
        var request = Pick("", "hi, ", "please ", "urgent: ", "hello, can you ") + Fill(Requests[(mode * 7 + _rng.Next(4)) % Requests.Length]);
        var reply = Replies[(mode + _rng.Next(2)) % Replies.Length];
        var digest = new TraceDigest
        {
            TraceId = Guid.NewGuid().ToString("N"), Revision = 1, ServiceName = "bench-agent-" + (mode % 3), AgentName = "assistant",
            StartedAt = completedAt.AddSeconds(-4), CompletedAt = completedAt, Failed = true, Corrected = kind == "user_correction",
            Signals = [new DigestSignal(kind, "00f067aa0ba902b7", $"{tool}: {Fill(error)}", kind is "exception" or "error" ? ErrorType(error) : null)],
            Messages = [new DigestMessage("user", request, null), new DigestMessage("assistant", reply, "00f067aa0ba902b7")],
            ToolCalls = [new DigestToolCall(tool, "{\"id\":\"" + Id() + "\"}", null, kind == "tool_failure" ? Fill(error) : null, "00f067aa0ba902b7", null)],
        };
        return (digest, mode);
    }

    private string Fill(string template) => string.Format(template, Id(), Pick("Lisbon", "Paris", "Berlin", "Tokyo", "Austin"),
        _rng.Next(1, 5000), $"/data/u{_rng.Next(1000)}/report_{_rng.Next(99)}.pdf", $"2025-0{_rng.Next(1, 9)}-1{_rng.Next(9)}",
        $"user{_rng.Next(10000)}@example.com");

    private string Id() => $"{(char)('A' + _rng.Next(26))}{(char)('A' + _rng.Next(26))}{_rng.Next(1000, 99999)}";

    private string Pick(params string[] options) => options[_rng.Next(options.Length)];

    private static string? ErrorType(string error) => error.Split(':')[0] is { Length: < 40 } t && !t.Contains(' ') ? t : null;

    private static (string, string, string)[] BuildModes()
    {
        string[] errors =
        [
            "TimeoutError: request to upstream timed out after {2} ms", "ConnectionRefusedError: connection refused by {1} gateway",
            "401 Unauthorized: API key {0} is invalid", "403 Forbidden: user {5} lacks permission booking.write",
            "429 Too Many Requests: rate limit exceeded, retry after {2} s", "500 Internal Server Error from inventory service",
            "503 Service Unavailable: maintenance window", "KeyError: 'fare_class'", "ValueError: invalid date {4}",
            "JSONDecodeError: Expecting value: line 1 column {2}", "ValidationError: field 'passengers' must be <= 9, got {2}",
            "NotFoundError: reservation {0} does not exist", "PaymentDeclined: card ending {2} declined by issuer",
            "FileNotFoundError: no such file {3}", "PermissionError: cannot write {3}", "UnicodeDecodeError: invalid start byte 0x{2}",
        ];
        string[] tools = ["get_reservation", "update_booking", "charge_card", "search_hotels", "read_file", "send_email"];
        var modes = new List<(string, string, string)>();
        for (var i = 0; i < errors.Length; i++)
            modes.Add((i % 3 == 0 ? "exception" : i % 3 == 1 ? "tool_failure" : "error", tools[i % tools.Length], errors[i]));
        modes.AddRange(tools.Select(t => ("loop", t, "same call to " + t + " repeated {2} times")));
        modes.AddRange(tools.Select(t => ("step_limit", t, "stopped after reaching the limit of {2} steps")));
        modes.AddRange(tools.Take(4).Select(t => ("over_asking", t, "asked the user to confirm {0} again although it was given")));
        modes.AddRange(tools.Take(4).Select(t => ("user_correction", t, "no, I meant reservation {0}, not that one")));
        modes.AddRange(tools.Take(6).Select(t => ("negative_feedback", t, "user: thumbs_down the agent ignored my request about " + t)));
        modes.AddRange(tools.Take(6).Select(t => ("tool_failure", t, t + " returned an empty result for id {0}")));
        return [.. modes];
    }
}
