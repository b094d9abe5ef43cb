using BetterHarness.Web.Tests.Support;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>Every page and asset carries the CSP, nosniff and the referrer policy; assets are versioned and cacheable.</summary>
[Collection(UiCollection.Name)]
public sealed class HeadersTests(UiHost ui)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/clusters")]
    [InlineData("/traces")]
    [InlineData("/assets/site.css")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await ui.Host.Api.GetAsync(path);
        Assert.Equal(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join("", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_reference_only_local_versioned_assets_and_no_inline_script_or_style()
    {
        var html = await ui.Host.Api.GetStringAsync("/clusters/" + await FirstClusterIdAsync());
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        foreach (var script in document.Scripts)
        {
            Assert.StartsWith("/assets/", script.Source);
            Assert.Contains("?v=", script.Source);
            Assert.True(string.IsNullOrWhiteSpace(script.Text));
        }
        Assert.Empty(document.QuerySelectorAll("style, [style]"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name.StartsWith("hx-on", StringComparison.Ordinal)));
        var css = await ui.Host.Api.GetAsync(document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString());
    }

    private async Task<string> FirstClusterIdAsync()
    {
        var list = await ui.Host.Api.GetStringAsync("/api/clusters?limit=1");
        return System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("clusters")[0].GetProperty("id").GetString()!;
    }
}
