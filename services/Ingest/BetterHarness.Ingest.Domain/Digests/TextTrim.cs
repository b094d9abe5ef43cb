namespace BetterHarness.Ingest.Domain.Digests;

/// <summary>Caps text for messages on the bus, saying how much was cut so nobody mistakes it for the whole.</summary>
public static class TextTrim
{
    public static string Cap(string text, int max)
    {
        if (text.Length <= max) return text;
        var marker = $"… [{text.Length - max} more chars]";
        return text[..Math.Max(0, max - marker.Length)] + marker;
    }

    public static string? CapOrNull(string? text, int max) => text is null ? null : Cap(text, max);

    /// <summary>The first and last items of a long list: how a conversation starts (the request) and ends
    /// (the failure, the correction) matter most.</summary>
    public static IReadOnlyList<T> KeepEnds<T>(IReadOnlyList<T> items, int max, int head)
    {
        if (items.Count <= max) return items;
        return [.. items.Take(head), .. items.Skip(items.Count - (max - head))];
    }
}
