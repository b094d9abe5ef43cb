using System.Net;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Testing;

namespace BetterHarness.Web.Tests.Security;

/// <summary>Probe findings 5 (DNS rebinding in open mode) and 9 (TLS behind a proxy), on real hosts.</summary>
public sealed class HostAndTlsTests
{
    [Fact]
    public async Task F5_in_open_mode_a_request_naming_another_host_is_refused_so_dns_rebinding_reads_and_writes_nothing()
    {
        await using var host = await IngestHost.StartAsync();
        foreach (var (method, path) in new[] { ("GET", "/api/traces"), ("POST", "/api/clusters/recluster"), ("GET", "/") })
        {
            using var rebound = new HttpRequestMessage(new HttpMethod(method), path);
            rebound.Headers.Host = $"attacker.example:{host.ApiPort}";
            rebound.Headers.Add("Sec-Fetch-Site", "same-origin");
            var response = await host.Api.SendAsync(rebound);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("not a name this server answers to", await response.Content.ReadAsStringAsync());
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        }
        foreach (var name in new[] { "localhost", "127.0.0.1", "app.localhost" })
        {
            using var local = new HttpRequestMessage(HttpMethod.Get, "/api/traces");
            local.Headers.Host = $"{name}:{host.ApiPort}";
            Assert.Equal(HttpStatusCode.OK, (await host.Api.SendAsync(local)).StatusCode);
        }
    }

    [Fact]
    public async Task An_allowed_host_can_be_configured()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Security:AllowedHosts:0"] = "harness.internal" });
        using var named = new HttpRequestMessage(HttpMethod.Get, "/api/traces");
        named.Headers.Host = "harness.internal";
        Assert.Equal(HttpStatusCode.OK, (await host.Api.SendAsync(named)).StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/traces");
        other.Headers.Host = "other.internal";
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Api.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task F9_behind_a_configured_tls_proxy_the_session_cookie_is_secure_and_hsts_is_sent()
    {
        var (host, _) = await SecureHost.StartAsync(new() { ["BetterHarness:Security:TrustedProxies:0"] = "127.0.0.1" });
        await using var _ = host;
        var baseUrl = new Uri($"http://127.0.0.1:{host.ApiPort}");
        using var session = await Session.SignInAsync(baseUrl, "carol", SecureHost.Password, ViaTls);
        Assert.Equal(HttpStatusCode.Redirect, session.SignInResponse.StatusCode);
        var cookie = Assert.Single(session.SignInResponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bh_session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, string.Join("", session.SignInResponse.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Forwarded_headers_from_a_client_that_is_not_a_configured_proxy_are_ignored()
    {
        var (host, _) = await SecureHost.StartAsync();
        await using var _ = host;
        var baseUrl = new Uri($"http://127.0.0.1:{host.ApiPort}");
        using var session = await Session.SignInAsync(baseUrl, "carol", SecureHost.Password, ViaTls);
        var cookie = Assert.Single(session.SignInResponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bh_session=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(session.SignInResponse.Headers.Contains("Strict-Transport-Security"));
    }

    private static void ViaTls(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
    }
}
