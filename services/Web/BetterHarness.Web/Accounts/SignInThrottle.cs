using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Web.Accounts;

/// <summary>
/// Slows password guessing per account and per client address. Every attempt counts as a failure when it starts (so a
/// burst of parallel attempts is throttled like a sequence) and a success clears the account's count. After
/// <see cref="SecurityOptions.SignInFreeFailures"/> failures of one account (or <see cref="SecurityOptions.SignInFreeFailuresPerAddress"/>
/// from one address) each further attempt must wait 1 s, then 2 s, 4 s … up to <see cref="SecurityOptions.SignInMaxDelay"/>;
/// an attempt inside the wait is refused without checking the password. Counts are forgotten a day after the last failure.
/// Kept in memory: a restart forgets them, which costs an attacker a restart per round.
/// </summary>
public sealed class SignInThrottle(SecurityOptions options, TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the attempt may go ahead (and is counted), else how long the caller must wait.</summary>
    public TimeSpan? TryBegin(string account, string? address)
    {
        var now = time.GetUtcNow();
        lock (_entries)
        {
            if (_entries.Count > MaxEntries) Purge(now);
            var byAccount = Get("account:" + account);
            var byAddress = address is null ? null : Get("address:" + address);
            var until = Max(byAccount.NextAllowed, byAddress?.NextAllowed ?? DateTimeOffset.MinValue);
            if (until > now) return until - now;
            Count(byAccount, options.SignInFreeFailures, now);
            if (byAddress is not null) Count(byAddress, options.SignInFreeFailuresPerAddress, now);
            return null;
        }
    }

    /// <summary>
    /// The attempt succeeded: the account starts afresh, and the address loses this attempt's count (but not its earlier
    /// failures, so one valid account cannot wash out a spray of guesses at others).
    /// </summary>
    public void Succeeded(string account, string? address)
    {
        lock (_entries)
        {
            _entries.Remove("account:" + account);
            if (address is null || !_entries.TryGetValue("address:" + address, out var entry)) return;
            entry.Failures = Math.Max(0, entry.Failures - 1);
            if (entry.Failures < options.SignInFreeFailuresPerAddress) entry.NextAllowed = DateTimeOffset.MinValue;
        }
    }

    private Entry Get(string key)
    {
        if (!_entries.TryGetValue(key, out var entry)) _entries[key] = entry = new Entry();
        return entry;
    }

    private void Count(Entry entry, int free, DateTimeOffset now)
    {
        entry.Failures++;
        entry.LastFailure = now;
        if (entry.Failures < free) return;
        var doublings = Math.Min(entry.Failures - free, 40);
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, doublings), options.SignInMaxDelay.TotalSeconds));
        entry.NextAllowed = now + delay;
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var key in _entries.Where(e => now - e.Value.LastFailure > Forget).Select(e => e.Key).ToList()) _entries.Remove(key);
        // Still full (a wide spray within a day): drop the oldest half rather than grow without bound.
        if (_entries.Count > MaxEntries)
            foreach (var key in _entries.OrderBy(e => e.Value.LastFailure).Take(_entries.Count / 2).Select(e => e.Key).ToList()) _entries.Remove(key);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset NextAllowed = DateTimeOffset.MinValue;
    }
}
