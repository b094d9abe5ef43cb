using System.Net;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>Roles from configured API keys: viewers read, curators write, nobody anonymous once keys exist.</summary>
public sealed class RoleTests
{
    [Fact]
    public async Task Every_write_checks_the_role_and_the_audit_log_names_the_key()
    {
        await using var host = await CurationHost.StartAsync(new()
        {
            ["BetterHarness:ApiKeys:0"] = "admin-key",
            ["BetterHarness:Security:ApiKeys:0:Key"] = "viewer-key",
            ["BetterHarness:Security:ApiKeys:0:Role"] = "viewer",
            ["BetterHarness:Security:ApiKeys:0:Name"] = "dashboard",
            ["BetterHarness:Security:ApiKeys:1:Key"] = "curator-key",
            ["BetterHarness:Security:ApiKeys:1:Role"] = "curator",
            ["BetterHarness:Security:ApiKeys:1:Name"] = "alice",
        }, adminKey: "admin-key");
        var candidate = Candidates.Make("agent-roles", ["tool_selection"]);
        await host.ProposeAsync(candidate);
        var id = (string)candidate["id"]!;
        using var anonymous = host.Client(null);
        using var viewer = host.Client("viewer-key");
        using var curator = host.Client("curator-key");
        using var wrong = host.Client("nope");

        await anonymous.Get("/api/review", HttpStatusCode.Unauthorized);
        await wrong.Get("/api/review", HttpStatusCode.Unauthorized);
        await viewer.Get("/api/review");
        await viewer.Get("/api/evals");
        await viewer.Get("/api/audit");
        var forbidden = await viewer.Post($"/api/review/{id}/accept", null, HttpStatusCode.Forbidden);
        Assert.Contains("curator", (string)forbidden["error"]!);
        await viewer.Post($"/api/review/{id}/reject", new { reason = "no" }, HttpStatusCode.Forbidden);
        await viewer.Post("/api/review/bulk", new { action = "accept", candidateIds = new[] { id } }, HttpStatusCode.Forbidden);
        await viewer.Post($"/api/review/{id}/lease", null, HttpStatusCode.Forbidden);
        await viewer.Post("/api/evals/import", "", HttpStatusCode.Forbidden);
        await anonymous.Post($"/api/review/{id}/accept", null, HttpStatusCode.Unauthorized);

        var accepted = await curator.Post($"/api/review/{id}/accept");
        var caseId = (string)accepted["caseId"]!;
        await viewer.Send(HttpMethod.Patch, $"/api/evals/{caseId}", new { mustPass = true }, HttpStatusCode.Forbidden);
        await viewer.Post($"/api/evals/{caseId}/retire", new { reason = "x" }, HttpStatusCode.Forbidden);
        await curator.Send(HttpMethod.Patch, $"/api/evals/{caseId}", new { mustPass = true });
        await host.Api.Post($"/api/evals/{caseId}/retire", new { reason = "obsolete" });

        var audit = (await viewer.Get($"/api/audit?subject={caseId}"))["entries"]!.AsArray();
        Assert.Equal(["retire", "edit", "accept"], audit.Select(a => (string)a!["action"]!));
        Assert.Equal(["api-key-0", "alice", "alice"], audit.Select(a => (string)a!["actor"]!));
        Assert.Equal(["admin", "curator", "curator"], audit.Select(a => (string)a!["role"]!));
        Assert.Single((await viewer.Get("/api/audit?actor=alice&action=accept"))["entries"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_bad_role_in_configuration_stops_the_service_at_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => CurationHost.StartAsync(new()
        {
            ["BetterHarness:Security:ApiKeys:0:Key"] = "k",
            ["BetterHarness:Security:ApiKeys:0:Role"] = "overlord",
        }));
        Assert.Contains("overlord", error.Message);
    }
}
