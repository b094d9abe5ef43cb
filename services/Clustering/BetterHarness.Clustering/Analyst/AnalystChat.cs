using Microsoft.Extensions.AI;

namespace BetterHarness.Clustering.Analyst;

/// <summary>The analyst's model: its configured name (recorded with every answer) and its chat client.</summary>
public sealed record AnalystChat(string Model, IChatClient Client);
