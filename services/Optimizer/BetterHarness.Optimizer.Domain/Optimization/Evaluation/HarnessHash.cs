using System.Security.Cryptography;
using System.Text.Json;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Optimization.Evaluation;

/// <summary>Content hash of a harness: the key under which its eval results are journaled and reused.</summary>
public static class HarnessHash
{
    public static string Of(HarnessDocument harness)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(harness);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..20];
    }
}
