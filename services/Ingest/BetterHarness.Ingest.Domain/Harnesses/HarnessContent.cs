using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Harnesses;

/// <summary>
/// What a harness is made of as a trace shows it — system instructions and tool definitions — reduced to a form
/// that compares the same whichever side it came from: line endings and surrounding white space normalised, tools
/// ordered by name, JSON-schema parameters re-serialised with sorted keys (<c>{}</c> when absent). Model settings are
/// not part of it (traces do not reliably carry them); versions that differ only there are told apart by the
/// explicit attribute only.
/// </summary>
public sealed class HarnessContent
{
    private readonly string _words;
    private HashSet<ulong>? _shingles;

    private HarnessContent(string canonical, string words)
    {
        Canonical = canonical;
        _words = words;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>SHA-256 (hex) of <see cref="Canonical"/>: equal fingerprints are the same harness.</summary>
    public string Fingerprint { get; }

    public string Canonical { get; }

    /// <summary>Word 3-shingles (hashed) of instructions and tool names/descriptions: the near-match's unit (computed on first use).</summary>
    public IReadOnlySet<ulong> Shingles => _shingles ??= Shingle(_words);

    /// <summary>True when there is nothing to match on.</summary>
    public bool IsEmpty => Canonical.Length == 0;

    public static HarnessContent Of(string? instructions, IEnumerable<ToolSpec> tools)
    {
        var text = Normalize(instructions);
        var ordered = tools.Where(t => !string.IsNullOrWhiteSpace(t.Name))
            .GroupBy(t => t.Name.Trim(), StringComparer.Ordinal).Select(g => g.First())
            .OrderBy(t => t.Name.Trim(), StringComparer.Ordinal).ToList();
        if (text.Length == 0 && ordered.Count == 0) return new HarnessContent("", "");
        var canonical = new StringBuilder(text.Length + ordered.Count * 256);
        canonical.Append("instructions\u001f").Append(text);
        var words = new StringBuilder(text.Length + ordered.Count * 128).Append(text);
        foreach (var tool in ordered)
        {
            var description = Normalize(tool.Description);
            canonical.Append("\u001etool\u001f").Append(tool.Name.Trim()).Append('\u001f').Append(description)
                .Append('\u001f').Append(CanonicalJson(tool.Parameters));
            words.Append('\n').Append(tool.Name.Trim()).Append(": ").Append(description);
        }
        return new HarnessContent(canonical.ToString(), words.ToString());
    }

    private static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : text.Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    /// <summary>Sorted-key compact JSON; an absent, empty or unparseable schema is <c>{}</c> or its trimmed text.</summary>
    internal static string CanonicalJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "{}";
        try
        {
            using var doc = JsonDocument.Parse(json);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer)) Write(writer, doc.RootElement);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            return json.Trim();
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    Write(writer, p.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static HashSet<ulong> Shingle(string text)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch) || ch == '_') token.Append(char.ToLowerInvariant(ch));
            else if (token.Length > 0) { tokens.Add(token.ToString()); token.Clear(); }
        }
        if (token.Length > 0) tokens.Add(token.ToString());
        var shingles = new HashSet<ulong>();
        if (tokens.Count < 3)
        {
            if (tokens.Count > 0) shingles.Add(Hash(string.Join(' ', tokens)));
            return shingles;
        }
        for (var i = 0; i + 2 < tokens.Count; i++) shingles.Add(Hash(tokens[i] + " " + tokens[i + 1] + " " + tokens[i + 2]));
        return shingles;
    }

    // FNV-1a, 64 bit: stable across processes (string.GetHashCode is randomised per process).
    private static ulong Hash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in s) { h ^= ch; h *= 1099511628211UL; }
        return h;
    }
}
