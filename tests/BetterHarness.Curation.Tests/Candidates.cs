using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Curation.Tests;

/// <summary>Candidate eval cases in mining's public schema (docs/eval-case-schema.md), built for tests.</summary>
public static class Candidates
{
    public static string NewId() => "cand_" + Guid.NewGuid().ToString("N");

    public static string NewTraceId() => Guid.NewGuid().ToString("N");

    /// <summary>Distinct situations: a case's user turns come from one of these (by <c>situation</c>, else by its id).</summary>
    public static readonly string[] Situations =
    [
        "Book me on flight HAT001 from Boston to Denver for 2024-05-20.",
        "My suitcase never arrived in Lisbon, who pays for the clothes I had to buy?",
        "Can I bring my cat in the cabin on the overnight flight to Tokyo?",
        "I need a wheelchair at the gate in Frankfurt, my knee surgery was last week.",
        "Why were 4,000 loyalty miles taken off my account yesterday?",
        "Please change the email address on my profile to the new work one.",
        "The inflight meal gave me food poisoning and I want compensation.",
        "Is there wifi on the small regional planes to Bozeman?",
        "My daughter is fourteen and flying alone to her grandmother, what forms do I sign?",
        "I was charged twice for the same seat upgrade on my credit card.",
        "Cancel the hotel package but keep the flights on my holiday booking.",
        "What is the weight limit for a checked surfboard?",
        "The pilot announced a diversion to Reno; will you pay for a taxi to Sacramento?",
        "I lost my passport, can I still board with my driving licence domestically?",
        "Add my newborn son as a lap infant to the return leg.",
        "Can you print my boarding pass and send it to the hotel fax?",
        "My name is misspelled on the ticket, it says Jonh instead of John.",
        "I'd like a vegetarian kosher meal on every segment of the trip.",
        "The lounge in Dubai refused my gold card; explain the access rules.",
        "Move my return from Friday evening to Sunday morning, same route.",
        "Is the 6am shuttle to the airport included with business class?",
        "How many pieces of sports equipment does a platinum member get free?",
        "My connecting flight in Atlanta left without me because the first one was late.",
        "Give me a receipt with VAT for my company expense report.",
        "Which terminal does the Air Canada codeshare leave from at Heathrow?",
        "I want to donate my unused travel credit to a charity, is that possible?",
        "The seat in row 31 does not recline and I paid for extra legroom.",
        "Can my service dog sit at my feet during the transatlantic flight?",
        "Upgrade my mother to first class using my points, she is on a separate booking.",
        "The airline app keeps crashing when I try to check in online.",
    ];

    public static JsonObject Make(string agent, string[] tags, JsonArray? graders = null, int support = 1, double score = 0.9,
        string? id = null, string? traceId = null, int revision = 1, string? summary = null, string? clusterId = null, int? situation = null)
    {
        id ??= NewId();
        traceId ??= NewTraceId();
        var index = situation ?? (int)(Fnv(id) % (uint)Situations.Length);
        var ask = Situations[index % Situations.Length];
        return new JsonObject
        {
            ["schema"] = "betterharness.eval-case/v1",
            ["id"] = id,
            ["status"] = "proposed",
            ["summary"] = summary ?? $"User corrected the agent → expects book_flight [{string.Join(", ", tags)}]",
            ["input"] = new JsonObject
            {
                ["systemInstructions"] = "You are an airline agent.",
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "user", ["content"] = ask },
                    new JsonObject { ["role"] = "assistant", ["content"] = "Which cabin would you like?" },
                    new JsonObject { ["role"] = "user", ["content"] = "Economy, I already said that." }),
            },
            ["tools"] = new JsonObject
            {
                ["definitions"] = new JsonArray("book_flight", "get_flight"),
                ["recorded"] = new JsonArray(),
                ["unrecordedResponse"] = "{\"error\":\"unrecorded_call\"}",
            },
            ["expected"] = new JsonObject
            {
                ["correction"] = "Economy, I already said that.",
                ["behaviour"] = "Act on the user's intent without needing the correction: call book_flight.",
                ["toolCalls"] = new JsonArray(new JsonObject
                {
                    ["name"] = "book_flight",
                    ["arguments"] = new JsonObject { ["flight"] = "HAT001", ["cabin"] = "economy", ["seat"] = $"{index + 1}A", ["note"] = "User asked for economy on HAT001 and had already said so twice" },
                }),
            },
            ["graders"] = graders ?? new JsonArray(
                new JsonObject { ["type"] = "tool_called", ["tool"] = "book_flight", ["arguments"] = new JsonObject { ["flight"] = "HAT001", ["cabin"] = "economy" } },
                new JsonObject { ["type"] = "no_clarifying_question" }),
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
            ["provenance"] = new JsonObject
            {
                ["sources"] = new JsonArray(new JsonObject { ["traceId"] = traceId, ["revision"] = revision, ["reason"] = "user_correction" }),
                ["clusterId"] = clusterId,
                ["detectorScores"] = new JsonArray(new JsonObject { ["spanId"] = "00f067aa0ba902b7", ["score"] = score }),
                ["createdAt"] = DateTimeOffset.UtcNow.ToString("O"),
            },
            ["supportCount"] = support,
            ["agent"] = agent,
        };
    }

    public static EvalCandidateProposed Proposal(JsonObject candidate, bool merged = false) => new()
    {
        CandidateId = (string)candidate["id"]!,
        TraceId = (string)candidate["provenance"]!["sources"]![0]!["traceId"]!,
        Revision = (int)candidate["provenance"]!["sources"]![0]!["revision"]!,
        Merged = merged,
        SupportCount = (int)candidate["supportCount"]!,
        Summary = (string)candidate["summary"]!,
        Tags = candidate["tags"]!.AsArray().Select(t => (string)t!).ToList(),
        ClusterId = (string?)candidate["provenance"]!["clusterId"],
        At = DateTimeOffset.UtcNow,
        Case = EvalCaseJson.Deserialize(candidate.ToJsonString()),
    };

    /// <summary>Mining deleted <paramref name="candidate"/>: its trace now feeds <paramref name="supersededBy"/> (or nothing).</summary>
    public static EvalCandidateWithdrawn Withdrawal(JsonObject candidate, string? supersededBy) => new()
    {
        CandidateId = (string)candidate["id"]!,
        TraceId = (string)candidate["provenance"]!["sources"]![0]!["traceId"]!,
        Revision = (int)candidate["provenance"]!["sources"]![0]!["revision"]! + 1,
        SupersededBy = supersededBy,
        Reason = "a newer revision of its trace feeds another candidate",
        At = DateTimeOffset.UtcNow,
    };

    /// <summary>A hand-written import line for <paramref name="agent"/> in category <paramref name="category"/>.</summary>
    public static JsonObject ImportLine(string agent, string category, string? id = null, bool? mustPass = null, int? situation = null)
    {
        var line = Make(agent, [category], id: id ?? "case_" + Guid.NewGuid().ToString("N"), situation: situation);
        line.Remove("status");
        line["category"] = category;
        if (mustPass is { } m) line["mustPass"] = m;
        return line;
    }

    private static uint Fnv(string text)
    {
        var h = 2166136261u;
        foreach (var ch in text) h = (h ^ ch) * 16777619u;
        return h;
    }
}
