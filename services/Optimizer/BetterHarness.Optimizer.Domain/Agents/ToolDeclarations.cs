using System.Text.Json;
using BetterHarness.Optimizer.Domain.Harnesses;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>The harness's tools as function declarations: the model sees them, the agent loop answers them.</summary>
public static class ToolDeclarations
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    public static IList<AITool> From(HarnessDocument harness) => harness.Tools
        .Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, Schema(t.Parameters)))
        .ToList();

    // A recorded tool without a schema still has to be an object schema for OpenAI-compatible endpoints.
    private static JsonElement Schema(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.EnumerateObject().Any() ? parameters : EmptyObjectSchema;
}
