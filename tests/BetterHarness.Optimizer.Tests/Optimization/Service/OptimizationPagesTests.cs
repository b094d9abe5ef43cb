using System.Net;
using AngleSharp.Html.Parser;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

public sealed class OptimizationPagesTests
{
    [Fact]
    public async Task The_report_page_shows_the_simulation_label_scores_iterations_cases_and_review_and_a_case_page_shows_both_transcripts()
    {
        // The other services are not in this host; the web UI only needs to know where they would be.
        var elsewhere = new[] { "ingest", "clustering", "mining", "curation" }
            .ToDictionary(s => $"BetterHarness:Web:Services:{s}", _ => (string?)"http://127.0.0.1:9");
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline(), elsewhere, web: true);
        using var http = host.Client();
        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 2 });
        var run = await host.WaitForStatusAsync(http, id, "awaiting_review");

        var list = new HtmlParser().ParseDocument(await http.GetStringAsync("/optimizations"));
        Assert.NotNull(list.QuerySelector($"a[href='/optimizations/{id}']"));

        var page = new HtmlParser().ParseDocument(await http.GetStringAsync($"/optimizations/{id}"));
        Assert.Contains("Simulated model", page.QuerySelector(".notice")!.TextContent);
        Assert.Contains("Pass rates", page.Body!.TextContent);
        Assert.NotNull(page.QuerySelector($"form[action='/optimizations/{id}?handler=approve']"));
        var accepted = page.QuerySelectorAll("#iterations ~ ol li, ol.feed li").First(li => li.TextContent.Contains("accepted"));
        Assert.NotNull(accepted.QuerySelector("pre.diff .ins"));
        var caseLinks = page.QuerySelectorAll("a[href^='/optimizations/" + id + "/cases/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.Equal(18, caseLinks.Count);

        var gained = (string)run["report"]!["iterations"]![0]!["gained"]![0]!;
        var casePage = new HtmlParser().ParseDocument(await http.GetStringAsync($"/optimizations/{id}/cases/{gained}"));
        var columns = casePage.QuerySelectorAll(".columns section");
        Assert.Equal(2, columns.Length);
        Assert.All(columns, c => Assert.Equal(3, c.QuerySelectorAll("h3").Length));
        Assert.Contains("failed", columns[0].TextContent);
        Assert.Contains("passed", columns[1].TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/optimizations/{id}/cases/no-such-case")).StatusCode);
    }
}
