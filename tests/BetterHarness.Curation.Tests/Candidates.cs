using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Curation.Tests;

/// <summary>Candidate eval cases in mining's public schema (docs/eval-case-schema.md), built for tests.</summary>
public static class Candidates
{
    public static string NewId() => "cand_" + Guid.NewGuid().ToString("N");

    public static string NewTraceId() => Guid.NewGuid().ToString("N");

    public static JsonObject Make(string agent, string[] tags, JsonArray? graders = null, int support = 1, double score = 0.9,
        string? id = null, string? traceId = null, int revision = 1, string? summary = null, string? clusterId = null)
    {
        id ??= NewId();
        traceId ??= NewTraceId();
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
                    new JsonObject { ["role"] = "user", ["content"] = "Book me on flight HAT001 for 2024-05-20." },
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
                    ["arguments"] = new JsonObject { ["flight"] = "HAT001", ["cabin"] = "economy", ["note"] = "User asked for economy on HAT001 and had already said so twice" },
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
    };

    /// <summary>A hand-written import line for <paramref name="agent"/> in category <paramref name="category"/>.</summary>
    public static JsonObject ImportLine(string agent, string category, string? id = null, bool? mustPass = null)
    {
        var line = Make(agent, [category], id: id ?? "case_" + Guid.NewGuid().ToString("N"));
        line.Remove("status");
        line["category"] = category;
        if (mustPass is { } m) line["mustPass"] = m;
        return line;
    }
}
