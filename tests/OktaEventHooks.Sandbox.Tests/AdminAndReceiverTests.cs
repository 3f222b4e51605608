using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>The test-only /sandbox endpoints and the /receiver hook endpoint.</summary>
public sealed class AdminAndReceiverTests
{
    private const string DistinctiveToken = "tok-ShouldNeverBeLogged-7f3a9c";

    [Fact]
    public async Task RequestLogRecordsEveryApiRequestInOrderWithoutTheToken()
    {
        await using var sandbox = await SandboxClient.StartAsync(new SandboxOptions { ApiToken = DistinctiveToken });
        var body = HookBodies.Minimal();

        var list = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath);
        var create = await sandbox.CreateAsync(body);
        var unauthorized = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath, authorization: "SSWS " + DistinctiveToken + "x");
        var anonymous = await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath + "?q=1", withAuth: false);
        var id = (string)create.Object["id"]!;
        var activate = await sandbox.LifecycleAsync(id, "activate");
        var notFound = await sandbox.GetAsync("whoMISSINGMISSING123");
        await sandbox.Http.GetAsync("/sandbox/eventHooks/" + id);   // admin: not logged
        await sandbox.Http.GetAsync("/receiver/ok/x");               // receiver: not logged

        var logText = await sandbox.Http.GetStringAsync("/sandbox/requests");
        var log = Assert.IsType<JsonArray>(JsonNode.Parse(logText));

        Assert.DoesNotContain(DistinctiveToken, logText, StringComparison.Ordinal);
        Assert.Equal(6, log.Count);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], log.Select(e => (long)e!["sequence"]!));
        Assert.Equal(
            ["sequence", "time", "method", "path", "query", "status", "fault", "requestId", "authorizationScheme", "userAgent", "body", "dpopJti", "clientId"],
            log[0]!.AsObject().Select(p => p.Key));
        Assert.All(log, e => Assert.Null(e!["dpopJti"]));
        Assert.All(log, e => Assert.Null(e!["clientId"]));
        Assert.Equal(["GET", "POST", "GET", "GET", "POST", "GET"], log.Select(e => (string?)e!["method"]));
        Assert.Equal(
            ["/api/v1/eventHooks", "/api/v1/eventHooks", "/api/v1/eventHooks", "/api/v1/eventHooks", $"/api/v1/eventHooks/{id}/lifecycle/activate", "/api/v1/eventHooks/whoMISSINGMISSING123"],
            log.Select(e => (string?)e!["path"]));
        Assert.Equal([200, 200, 401, 401, 200, 404], log.Select(e => (int)e!["status"]!));
        Assert.All(log, e => Assert.Null(e!["fault"]));
        Assert.Equal(
            new[] { list, create, unauthorized, anonymous, activate, notFound }.Select(r => r.Header("X-Okta-Request-Id")),
            log.Select(e => (string?)e!["requestId"]));
        Assert.Equal(["SSWS", "SSWS", "SSWS", null, "SSWS", "SSWS"], log.Select(e => (string?)e!["authorizationScheme"]));
        Assert.Equal("q=1", (string?)log[3]!["query"]);
        Assert.Equal("", (string?)log[0]!["query"]);
        Assert.All(log, e => Assert.Equal("OktaEventHooksSandboxTests/1.0", (string?)e!["userAgent"]));
        Assert.Equal(body.ToJsonString(), (string?)log[1]!["body"]);
        Assert.Null(log[0]!["body"]);
        Assert.Null(log[4]!["body"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", (string)log[0]!["time"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.Http.DeleteAsync("/sandbox/requests")).StatusCode);
        Assert.Empty(await sandbox.RequestLogAsync());
        await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath);
        Assert.Equal(1L, (long)(await sandbox.RequestLogAsync())[0]!["sequence"]!);
    }

    [Fact]
    public async Task ResetDeletesHooksAndClearsBothLogs()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        await sandbox.CreateHookAsync();
        await sandbox.Http.GetAsync("/receiver/ok/x");

        var reset = await sandbox.Http.PostAsync("/sandbox/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(await sandbox.RequestLogAsync());
        Assert.Empty(await sandbox.ReceiverRequestsAsync());
        Assert.Equal("[]", (await sandbox.SendAsync(HttpMethod.Get, SandboxClient.HooksPath)).Body);
    }

    [Fact]
    public async Task AdminGetShowsTheStoredSecretAndUnknownIdIs404()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var created = await sandbox.CreateHookAsync();
        var id = (string)created["id"]!;

        var admin = Assert.IsType<JsonObject>(JsonNode.Parse(await sandbox.Http.GetStringAsync($"/sandbox/eventHooks/{id}")));
        var missing = await sandbox.Http.GetAsync("/sandbox/eventHooks/whoMISSINGMISSING123");

        Assert.Equal(
            """{"type":"HEADER","key":"Authorization","value":"Basic c3ZjLWhvb2s6c2FuZGJveC1zZWNyZXQ="}""",
            admin["channel"]!["config"]!["authScheme"]!.ToJsonString());
        admin["channel"]!["config"]!["authScheme"]!.AsObject().Remove("value");
        Assert.Equal(created.ToJsonString(), admin.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AdminEndpointsNeedNoTokenAndCarryNoOktaHeaders()
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await sandbox.Http.GetAsync("/sandbox/requests");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Okta-Request-Id"));
    }

    [Fact]
    public async Task ReceiverBehavesAsDocumentedAndRecordsEverything()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        var http = sandbox.Http;

        using var okRequest = new HttpRequestMessage(HttpMethod.Get, "/receiver/ok/hr-sync?x=1");
        okRequest.Headers.Add("X-Okta-Verification-Challenge", "challenge-123");
        var ok = await http.SendAsync(okRequest);
        var okPost = await http.PostAsync("/receiver/ok/events", new StringContent("""{"eventType":"com.okta.event_hook"}""", Encoding.UTF8, "application/json"));
        var wrong = await http.GetStringAsync("/receiver/wrong");
        var nofield = await http.GetStringAsync("/receiver/nofield/a/b");
        var status = await http.GetAsync("/receiver/status/503");
        var html = await http.GetAsync("/receiver/html");
        var unknown = await http.GetAsync("/receiver/teapot");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("""{"verification":"challenge-123"}""", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, okPost.StatusCode);
        Assert.Equal(string.Empty, await okPost.Content.ReadAsStringAsync());
        Assert.Equal("""{"verification":"not-the-challenge"}""", wrong);
        Assert.Equal("{}", nofield);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
        Assert.Equal(string.Empty, await status.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/html"), new MediaTypeHeaderValue(html.Content.Headers.ContentType!.MediaType!));
        Assert.StartsWith("<html>", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var received = await sandbox.ReceiverRequestsAsync();
        Assert.Equal(7, received.Count);
        Assert.Equal(
            ["sequence", "time", "method", "path", "query", "headers", "body", "answered"],
            received[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(200, (int)received[0]!["answered"]!);
        Assert.Equal("/receiver/ok/hr-sync", (string?)received[0]!["path"]);
        Assert.Equal("x=1", (string?)received[0]!["query"]);
        Assert.Equal("challenge-123", (string?)received[0]!["headers"]!["X-Okta-Verification-Challenge"]);
        Assert.Equal("POST", (string?)received[1]!["method"]);
        Assert.Equal("""{"eventType":"com.okta.event_hook"}""", (string?)received[1]!["body"]);
        Assert.Null(received[0]!["body"]);

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/sandbox/receiver/requests")).StatusCode);
        Assert.Empty(await sandbox.ReceiverRequestsAsync());
    }
}
