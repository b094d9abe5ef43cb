using System.Text.Json.Nodes;

namespace BetterHarness.Curation.Domain.Cases;

/// <summary>The curation fields of one revision of a stored case.</summary>
public sealed record CaseState(string Id, string Agent, string Category, string Split, bool MustPass, string Status, int Revision,
    string? SourceCandidateId, bool AutoAccepted, string? RetiredReason)
{
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>
/// A stored case as the API and exports show it: the public schema (docs/eval-case-schema.md) with the curation
/// fields on top. <see cref="Content"/> strips them again, leaving what a curator edits.
/// </summary>
public static class CaseDocument
{
    private static readonly string[] CurationFields =
    [
        CaseFields.Agent, CaseFields.Category, CaseFields.Split, CaseFields.MustPass, CaseFields.Revision,
        CaseFields.SourceCandidateId, CaseFields.AutoAccepted, CaseFields.RetiredReason,
    ];

    public static JsonObject Compose(JsonObject content, CaseState state)
    {
        var doc = Content(content);
        doc["schema"] = CaseFields.Schema;
        doc["id"] = state.Id;
        doc[CaseFields.Status] = state.Status;
        doc[CaseFields.Agent] = state.Agent;
        doc[CaseFields.Category] = state.Category;
        doc[CaseFields.Split] = state.Split;
        doc[CaseFields.MustPass] = state.MustPass;
        doc[CaseFields.Revision] = state.Revision;
        if (state.SourceCandidateId is not null) doc[CaseFields.SourceCandidateId] = state.SourceCandidateId;
        doc[CaseFields.AutoAccepted] = state.AutoAccepted;
        if (state.RetiredReason is not null) doc[CaseFields.RetiredReason] = state.RetiredReason;
        return doc;
    }

    /// <summary>A copy without the curation fields (the candidate's own status is dropped too).</summary>
    public static JsonObject Content(JsonObject document)
    {
        var content = (JsonObject)document.DeepClone();
        foreach (var field in CurationFields) content.Remove(field);
        content.Remove(CaseFields.Status);
        return content;
    }

    public static IReadOnlyList<string> Tags(JsonObject content) =>
        content["tags"] is JsonArray tags ? tags.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList() : [];
}
