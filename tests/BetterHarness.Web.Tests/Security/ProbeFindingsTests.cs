using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Web.Tests.Security;

/// <summary>
/// Each finding of the security probe (issue 22), reproduced against a real host over real sockets; each now holds.
/// Numbers refer to the list.
/// </summary>
[Collection(SecureCollection.Name)]
public sealed class ProbeFindingsTests(SecureHost secure)
{
    private static StringContent Lines(string text) => new(text, Encoding.UTF8, "application/x-ndjson");

    /// <summary>A case in the public schema (the optimiser fixture's first case) under another id.</summary>
    internal static string CandidateLine(string id)
    {
        var line = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizer", "cases.jsonl")).First();
        var node = JsonNode.Parse(line)!.AsObject();
        node["id"] = id;
        return node.ToJsonString();
    }

    [Fact]
    public async Task F1_a_viewer_can_neither_import_candidates_nor_recluster_and_a_curators_import_is_audited()
    {
        using var viewer = secure.Key(SecureHost.ViewerKey);
        var import = await viewer.PostAsync("/api/candidates/import", Lines(CandidateLine("cand_madeup")));
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Contains("needs the curator role", await import.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/clusters/recluster", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/candidates/cand_madeup")).StatusCode);

        using var victor = await secure.SignInAsync("victor");
        var token = await Session.TokenAsync(victor.Http, "/");
        using var cookieImport = new HttpRequestMessage(HttpMethod.Post, "/api/candidates/import") { Content = Lines(CandidateLine("cand_madeup")) };
        cookieImport.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await victor.Http.SendAsync(cookieImport)).StatusCode);

        using var curator = secure.Key(SecureHost.CarolKey);
        var imported = await curator.PostAsync("/api/candidates/import", Lines(CandidateLine("cand_imported_by_carol")));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var db = secure.Host.Services.GetRequiredService<MiningDatabase>();
        using var c = db.Database.Open();
        var entry = Assert.Single(AuditLog.List(c, null, "candidate.import", "cand_imported_by_carol", null, 10));
        Assert.Equal(("carol-ci", "curator"), (entry.Actor, entry.Role));
    }

    [Fact]
    public async Task F3_logging_out_ends_the_session_for_every_copy_of_its_cookie()
    {
        using var carol = await secure.SignInAsync("carol");
        var copied = carol.Cookie(secure.BaseUrl)!;
        using var thief = Session.WithCookie(secure.BaseUrl, copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/review")).StatusCode);

        var token = await Session.TokenAsync(carol.Http, "/");
        var logout = await carol.Http.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/review")).StatusCode);
    }

    [Fact]
    public async Task F4_a_removed_account_added_again_never_revives_an_old_cookie_and_roles_come_from_the_store()
    {
        secure.Users.Add("rita", Role.Curator, SecureHost.Password);
        using var rita = await secure.SignInAsync("rita");
        var old = rita.Cookie(secure.BaseUrl)!;
        Assert.Equal(1, secure.Users.SessionCount("rita"));

        secure.Users.Remove("rita");
        secure.Users.Add("rita", Role.Viewer, SecureHost.Password);
        using var replay = Session.WithCookie(secure.BaseUrl, old);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/review")).StatusCode);

        // A role change ends the account's sessions; a new session carries the role the store holds now.
        using var again = await secure.SignInAsync("rita");
        var token = await Session.TokenAsync(again.Http, "/");
        secure.Users.SetRole("rita", Role.Curator);
        Assert.Equal(0, secure.Users.SessionCount("rita"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.Http.GetAsync("/api/review")).StatusCode);
        using var fresh = await secure.SignInAsync("rita");
        var me = await fresh.Http.GetStringAsync("/");
        Assert.Contains("curator", me);
        _ = token;
    }

    [Fact]
    public async Task F6_bad_input_gets_400_with_a_reason_never_500()
    {
        using var curator = secure.Key(SecureHost.CarolKey);
        var cases = new (string Path, string Body)[]
        {
            ("/api/harnesses", """{"agent":"a","instructions":"x","tools":[null]}"""),
            ("/api/harnesses", """{"agent":"a","instructions":"x","tools":[{"name":null}]}"""),
            ("/api/harnesses", """{"agent":"a","instructions":"x","tools":"no"}"""),
            ("/api/harnesses", "[1,2"),
            ("/api/harnesses/from-traces", """{"agent":null}"""),
            ("/api/optimizations", """{"agent":["x"]}"""),
            ("/api/evalruns", """{"agent":"a","caseIds":[null]}"""),
            ("/api/review/x/reject", """{"reason":null}"""),
            ("/api/review/bulk", """{"action":"reject","candidateIds":[null]}"""),
            ("/api/corrections/classify", """{"user":5}"""),
        };
        foreach (var (path, body) in cases)
        {
            var response = await curator.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
                $"{path} {body} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task F7_the_author_of_a_harness_version_is_the_caller_not_the_name_in_the_body()
    {
        using var curator = secure.Key(SecureHost.CarolKey);
        var created = await curator.PostAsJsonAsync("/api/harnesses", new { agent = "authorship", instructions = "be brief", tools = Array.Empty<object>(), author = "admin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version = (await curator.GetFromJsonAsync<JsonObject>("/api/harnesses/authorship/versions/1"))!;
        Assert.Equal("carol-ci", (string?)version["author"]);
    }

    [Fact]
    public async Task F8_free_text_and_bodies_have_limits_that_the_answer_names()
    {
        using var curator = secure.Key(SecureHost.CarolKey);
        var reason = await curator.PostAsJsonAsync("/api/review/cand_x/reject", new { reason = new string('r', TextLimits.Reason + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, reason.StatusCode);
        Assert.Contains("limit is 4,000", await reason.Content.ReadAsStringAsync());

        var big = await curator.SendAsync(Oversized("/api/review/cand_x/reject",
            new StringContent("{\"reason\":\"" + new string('r', 2 << 20) + "\"}", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("1,048,576-byte limit", await big.Content.ReadAsStringAsync());

        var bulk = await curator.SendAsync(Oversized("/api/candidates/import", Lines(new string('x', 9 << 20))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bulk.StatusCode);
        Assert.Contains("8,388,608-byte limit", await bulk.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task F9_error_answers_carry_the_security_headers_too()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = secure.BaseUrl };
        using var viewer = secure.Key(SecureHost.ViewerKey);
        var answers = new[]
        {
            await anonymous.GetAsync("/api/traces"),                                      // 401
            await anonymous.SendAsync(Page("/review")),                                   // 302 to the login
            await viewer.PostAsync("/api/clusters/recluster", null),                      // 403
        };
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Forbidden], answers.Select(a => a.StatusCode));
        foreach (var answer in answers)
        {
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join("", answer.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("DENY", string.Join("", answer.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", string.Join("", answer.Headers.GetValues("X-Content-Type-Options")));
            Assert.False(answer.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
        }
    }

    [Fact]
    public async Task F10_a_viewer_cannot_ingest_and_an_agents_ingest_key_can_only_ingest()
    {
        var otlp = secure.Host.HttpPort;
        using var viewer = secure.Key(SecureHost.ViewerKey, otlp);
        var trace = """{"resourceSpans":[]}""";
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/v1/traces", new StringContent(trace, Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/v1/feedback", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);

        using var agent = secure.Key(SecureHost.AgentKey, otlp);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync("/v1/traces", new StringContent(trace, Encoding.UTF8, "application/json"))).StatusCode);
        using var agentOnApi = secure.Key(SecureHost.AgentKey);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentOnApi.GetAsync("/api/traces")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentOnApi.SendAsync(Page("/"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agentOnApi.GetAsync("/api/harness/current?agent=airline")).StatusCode);
    }

    [Fact]
    public async Task F11_a_page_tells_a_backends_refusal_from_an_outage()
    {
        using var ada = await secure.SignInAsync("ada");
        foreach (var path in new[] { "/review?id=%00", "/harness?agent=%00" })
        {
            var response = await ada.Http.SendAsync(Page(path));
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("is not available", html);
            Assert.True((int)response.StatusCode is >= 200 and < 500, $"{path} → {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// A POST that waits for <c>100 Continue</c> before sending its body, as careful clients do: the server's 413 then
    /// arrives instead of a connection reset halfway through the upload.
    /// </summary>
    internal static HttpRequestMessage Oversized(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    private static HttpRequestMessage Page(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }
}
