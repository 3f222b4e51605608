using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>/api/v1 calls with Bearer access tokens: validity, expiry, revocation, scopes and the request log.</summary>
public sealed class OAuthApiAccessTests
{
    private const string ClientId = "0oaSandboxService002";

    [Fact]
    public async Task UnknownTokenIs401WithAnInvalidTokenChallenge()
    {
        await using var sandbox = await SandboxClient.StartAsync();

        var response = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer not-a-token-we-issued");

        response.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011", "Invalid token provided");
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The access token is invalid.\"", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task AReadOnlyTokenMayListButNotCreate()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key, scopes: ["okta.eventHooks.read"]);
        var token = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId, "okta.eventHooks.read");

        var list = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token);
        var create = await OAuthKit.CallAsync(sandbox, HttpMethod.Post, SandboxClient.HooksPath, "Bearer " + token, body: HookBodies.Minimal());
        var delete = await OAuthKit.CallAsync(sandbox, HttpMethod.Delete, SandboxClient.HooksPath + "/whoMISSINGMISSING123", "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var causes = create.AssertOktaError(HttpStatusCode.Forbidden, "E0000006", "You do not have permission to perform the requested action");
        Assert.Equal(["The access token provided does not contain the required scopes."], causes);
        Assert.Equal(
            "Bearer error=\"insufficient_scope\", error_description=\"The access token provided does not contain the required scopes.\"",
            create.Header("WWW-Authenticate"));
        delete.AssertOktaError(HttpStatusCode.Forbidden, "E0000006");
        Assert.Equal("[]", (await sandbox.ListAsync()).Body); // nothing was created
    }

    [Fact]
    public async Task AnExpiredTokenIs401Expired()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Ec();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key, lifetime: 1);
        var response = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId));
        Assert.Equal(1, (int)response.Object["expires_in"]!);
        var token = (string)response.Object["access_token"]!;

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var call = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token);

        call.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011", "Invalid token provided");
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The access token has expired.\"", call.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task RevokingAClientKillsItsTokensAtOnceAndRefusesNewOnes()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        using var otherKey = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        await OAuthKit.RegisterAsync(sandbox, "0oaSomeoneElse000001", otherKey);
        var token = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId);
        var othersToken = await OAuthKit.BearerTokenAsync(sandbox, otherKey, "0oaSomeoneElse000001");
        Assert.Equal(HttpStatusCode.OK, (await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token)).Status);

        var revoke = await sandbox.AdminSendAsync(HttpMethod.Post, $"/sandbox/oauth/clients/{ClientId}/revoke");
        var after = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token);
        var newToken = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId));
        var others = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + othersToken);

        Assert.Equal(HttpStatusCode.NoContent, revoke.Status);
        after.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011");
        OAuthKit.AssertOAuthError(newToken, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, others.Status);
        Assert.True((bool)(await sandbox.AdminGetArrayAsync("/sandbox/oauth/clients")).Single(c => (string?)c!["clientId"] == ClientId)!["revoked"]!);
    }

    [Fact]
    public async Task TheRequestLogShowsClientAndProofButNeverAnAssertionOrToken()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        using var dpopClientKey = TestKey.Ec();
        using var dpopKey = TestKey.Ec();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        await OAuthKit.RegisterAsync(sandbox, "0oaDpopService000001", dpopClientKey, requireDpop: true);

        var assertion = OAuthKit.Assertion(sandbox, key, ClientId);
        var tokenResponse = await OAuthKit.RequestTokenAsync(sandbox, assertion);
        var bearer = (string)tokenResponse.Object["access_token"]!;
        await OAuthKit.RequestTokenAsync(sandbox, assertion); // replayed: refused, and still not logged
        await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + bearer);
        var dpopToken = await OAuthKit.DpopTokenAsync(sandbox, dpopClientKey, dpopKey, "0oaDpopService000001");
        var proof = OAuthKit.Proof(dpopKey, "GET", OAuthKit.HooksUrl(sandbox), accessToken: dpopToken);
        var proofJti = (string)JsonNode.Parse(TestKey.B64Decode(proof.Split('.')[1]))!["jti"]!;
        Assert.Equal(HttpStatusCode.OK, (await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "DPoP " + dpopToken, proof)).Status);
        await sandbox.ListAsync();

        var logText = await sandbox.Http.GetStringAsync("/sandbox/requests");
        var log = Assert.IsType<JsonArray>(JsonNode.Parse(logText));

        foreach (var secret in new[] { assertion, assertion.Split('.')[2], bearer, dpopToken, sandbox.Host.ApiToken })
        {
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
        }

        Assert.Equal(7, log.Count);
        Assert.Equal(
            ["sequence", "time", "method", "path", "query", "status", "fault", "requestId", "authorizationScheme", "userAgent", "body", "dpopJti", "clientId"],
            log[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            ["/oauth2/v1/token", "/oauth2/v1/token", "/api/v1/eventHooks", "/oauth2/v1/token", "/oauth2/v1/token", "/api/v1/eventHooks", "/api/v1/eventHooks"],
            log.Select(e => (string?)e!["path"]));
        Assert.Equal([200, 401, 200, 400, 200, 200, 200], log.Select(e => (int)e!["status"]!));
        Assert.Equal(
            [ClientId, ClientId, ClientId, "0oaDpopService000001", "0oaDpopService000001", "0oaDpopService000001", null],
            log.Select(e => (string?)e!["clientId"]));
        Assert.Equal([null, null, "Bearer", null, null, "DPoP", "SSWS"], log.Select(e => (string?)e!["authorizationScheme"]));
        Assert.Equal(proofJti, (string?)log[5]!["dpopJti"]);
        Assert.NotNull((string?)log[3]!["dpopJti"]);
        Assert.Null(log[2]!["dpopJti"]);
        var tokenBody = (string)log[0]!["body"]!;
        Assert.Contains("client_assertion=***", tokenBody, StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", tokenBody, StringComparison.Ordinal);
        Assert.Contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer", tokenBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SswsStillWorksAlongsideOAuth()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        await OAuthKit.BearerTokenAsync(sandbox, key, ClientId);

        var ssws = await sandbox.ListAsync();
        var sswsAsBearer = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + sandbox.Host.ApiToken);

        Assert.Equal(HttpStatusCode.OK, ssws.Status);
        sswsAsBearer.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011");
    }
}
