using System.Net;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Accounts;
using Xunit.Abstractions;

namespace BetterHarness.Web.Tests.Security;

/// <summary>Probe finding 12: sign-in throttling per account and per client address.</summary>
public sealed class SignInThrottleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task F12_after_a_few_wrong_passwords_an_account_is_throttled_with_a_clear_message_and_even_the_right_password_waits()
    {
        var (host, _) = await SecureHost.StartAsync();
        await using var _ = host;
        var baseUrl = new Uri($"http://127.0.0.1:{host.ApiPort}");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await Session.PostLoginAsync(http, "carol", "wrong password " + i)).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses);
        // Keep guessing as fast as allowed until eight guesses were checked: the wait has doubled to 8 s by then.
        var (checkedGuesses, refused) = (5, 0);
        while (checkedGuesses < 8)
        {
            var guess = await Session.PostLoginAsync(http, "carol", "another wrong password");
            if (guess.StatusCode == HttpStatusCode.Unauthorized) checkedGuesses++;
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, guess.StatusCode);
                refused++;
                await Task.Delay(guess.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
        }
        Assert.True(refused > 0, "guesses faster than the back-off were never refused");

        var right = await Session.PostLoginAsync(http, "carol", SecureHost.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many failed sign-ins for this account or from this address", await right.Content.ReadAsStringAsync());

        // Another account from the same address is not locked by carol's failures (the address allows 20).
        Assert.Equal(HttpStatusCode.Redirect, (await Session.PostLoginAsync(http, "cora", SecureHost.Password)).StatusCode);
    }

    [Fact]
    public void An_attacker_guessing_as_fast_as_allowed_gets_a_handful_of_attempts_an_hour()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(new SecurityOptions(), clock);
        int firstMinute = 0, firstHour = 0, secondHour = 0;
        // One guess every 100 ms for two hours (36,000 tries), one account, one address: count what gets through.
        for (var tick = 0; tick < 72_000; tick++)
        {
            if (throttle.TryBegin("carol", "203.0.113.7") is null)
            {
                if (tick < 600) firstMinute++;
                if (tick < 36_000) firstHour++; else secondHour++;
            }
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        output.WriteLine($"attempts let through: first minute {firstMinute}, first hour {firstHour}, second hour {secondHour} ({secondHour / 60.0:0.00}/min)");
        Assert.True(firstMinute <= 10, $"first minute: {firstMinute}");
        Assert.True(secondHour <= 4, $"second hour: {secondHour}");
    }

    [Fact]
    public void A_success_clears_the_account_but_not_the_addresses_earlier_failures()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(new SecurityOptions { SignInFreeFailuresPerAddress = 3 }, clock);
        for (var i = 0; i < 3; i++) Assert.Null(throttle.TryBegin("user" + i, "198.51.100.1"));
        Assert.NotNull(throttle.TryBegin("someone-else", "198.51.100.1"));
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(throttle.TryBegin("mine", "198.51.100.1"));
        throttle.Succeeded("mine", "198.51.100.1");
        Assert.NotNull(throttle.TryBegin("user9", "198.51.100.1"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
