using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>The org authorization server's token endpoint: client credentials with private_key_jwt.</summary>
public sealed class OAuthTokenEndpointTests
{
    private const string ClientId = "0oaSandboxService001";

    [Fact]
    public async Task RsaAssertionGetsABearerTokenThatListsHooks()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);

        var response = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(["token_type", "expires_in", "access_token", "scope"], response.Object.Select(p => p.Key));
        Assert.Equal("Bearer", (string?)response.Object["token_type"]);
        Assert.Equal(3600, (int)response.Object["expires_in"]!);
        Assert.Equal(OAuthKit.BothScopes, (string?)response.Object["scope"]);
        Assert.NotEmpty(response.Header("X-Okta-Request-Id"));
        Assert.Equal("no-store", response.Header("Cache-Control"));
        // The token endpoint is not in the /api/v1 bucket.
        Assert.False(response.Headers.Contains("X-Rate-Limit-Remaining"));
        Assert.Equal(0, (int)(await sandbox.RateLimitAsync())["used"]!);

        var token = (string)response.Object["access_token"]!;
        var list = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("[]", list.Body);
    }

    [Fact]
    public async Task EcAssertionWithKidGetsATokenThatCanCreateAHook()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Ec(kid: "sandbox-ec-1");
        using var otherKey = TestKey.Rsa(kid: "sandbox-rsa-1");
        var registration = new JsonObject
        {
            ["clientId"] = ClientId,
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(otherKey.PublicJwk(), key.PublicJwk()) },
        };
        Assert.Equal(HttpStatusCode.Created, (await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/oauth/clients", registration.ToJsonString())).Status);

        var token = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId, "okta.eventHooks.manage");

        var create = await OAuthKit.CallAsync(sandbox, HttpMethod.Post, SandboxClient.HooksPath, "Bearer " + token, body: HookBodies.Minimal());
        Assert.Equal(HttpStatusCode.OK, create.Status);
        var list = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Single(Assert.IsType<JsonArray>(list.Json));
    }

    [Theory]
    [InlineData("wrong-aud", "audience")]
    [InlineData("expired", "expired")]
    [InlineData("exp-too-far", "more than one hour")]
    [InlineData("bad-signature", "signature is invalid")]
    [InlineData("unknown-kid", "kid")]
    [InlineData("unknown-client", "no client '0oaNobodyRegistered01'")]
    [InlineData("iss-not-sub", "'iss' and 'sub'")]
    [InlineData("hs256", "not supported")]
    [InlineData("not-a-jwt", "well-formed")]
    [InlineData("revoked", "revoked")]
    public async Task BadAssertionsAreInvalidClient401(string problem, string described)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa(kid: "k1");
        using var stranger = TestKey.Rsa(kid: "k1");
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        var now = DateTimeOffset.UtcNow;

        var assertion = problem switch
        {
            "wrong-aud" => OAuthKit.Assertion(sandbox, key, ClientId, c => c["aud"] = sandbox.Host.BaseAddress + "/oauth2/default/v1/token"),
            "expired" => OAuthKit.Assertion(sandbox, key, ClientId, c => c["exp"] = OAuthKit.Epoch(now.AddMinutes(-5))),
            "exp-too-far" => OAuthKit.Assertion(sandbox, key, ClientId, c => c["exp"] = OAuthKit.Epoch(now.AddHours(2))),
            "bad-signature" => OAuthKit.Assertion(sandbox, stranger, ClientId),
            "unknown-kid" => OAuthKit.Assertion(sandbox, key, ClientId, changeHeader: h => h["kid"] = "k2"),
            "unknown-client" => OAuthKit.Assertion(sandbox, key, "0oaNobodyRegistered01"),
            "iss-not-sub" => OAuthKit.Assertion(sandbox, key, ClientId, c => c["sub"] = "someone-else"),
            "hs256" => OAuthKit.Assertion(sandbox, key, ClientId, changeHeader: h => h["alg"] = "HS256"),
            "not-a-jwt" => "not.a.jwt",
            _ => OAuthKit.Assertion(sandbox, key, ClientId),
        };
        if (problem == "revoked")
        {
            Assert.Equal(HttpStatusCode.NoContent, (await sandbox.AdminSendAsync(HttpMethod.Post, $"/sandbox/oauth/clients/{ClientId}/revoke")).Status);
        }

        var response = await OAuthKit.RequestTokenAsync(sandbox, assertion);

        var description = OAuthKit.AssertOAuthError(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Contains(described, description, StringComparison.Ordinal);
        Assert.NotEmpty(response.Header("X-Okta-Request-Id"));
    }

    [Fact]
    public async Task AnAssertionIsSingleUse()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        var assertion = OAuthKit.Assertion(sandbox, key, ClientId);

        var first = await OAuthKit.RequestTokenAsync(sandbox, assertion);
        var replay = await OAuthKit.RequestTokenAsync(sandbox, assertion);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var description = OAuthKit.AssertOAuthError(replay, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Contains("client_assertion_already_used", description, StringComparison.Ordinal);
        Assert.Contains("The client_assertion token has already been used.", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedAssertionCanBeCorrectedButItsJtiIsNotBurntByIt()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        var jti = Guid.NewGuid().ToString();

        var wrongAud = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId, c => { c["jti"] = jti; c["aud"] = "https://elsewhere.example/oauth2/v1/token"; }));
        var corrected = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId, c => c["jti"] = jti));

        OAuthKit.AssertOAuthError(wrongAud, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, corrected.Status);
    }

    [Fact]
    public async Task ScopesMustBeGrantedAndRequested()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Ec();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key, scopes: ["okta.eventHooks.read"]);

        var notGranted = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId), OAuthKit.BothScopes);
        var none = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId), " ");
        var granted = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId), "okta.eventHooks.read");

        Assert.Contains("okta.eventHooks.manage", OAuthKit.AssertOAuthError(notGranted, HttpStatusCode.BadRequest, "invalid_scope"), StringComparison.Ordinal);
        OAuthKit.AssertOAuthError(none, HttpStatusCode.BadRequest, "invalid_scope");
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal("okta.eventHooks.read", (string?)granted.Object["scope"]);
    }

    [Fact]
    public async Task MalformedTokenRequestsAreRefusedInTheOAuthShape()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        KeyValuePair<string, string>[] Form(params (string Name, string Value)[] pairs) => pairs.Select(p => KeyValuePair.Create(p.Name, p.Value)).ToArray();
        const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

        var password = await OAuthKit.RequestTokenAsync(sandbox, string.Empty, form: Form(("grant_type", "password"), ("scope", "okta.eventHooks.read")));
        var noGrant = await OAuthKit.RequestTokenAsync(sandbox, string.Empty, form: Form(("scope", "okta.eventHooks.read")));
        var wrongType = await OAuthKit.RequestTokenAsync(sandbox, string.Empty, form: Form(("grant_type", "client_credentials"), ("client_assertion_type", "jwt"), ("client_assertion", OAuthKit.Assertion(sandbox, key, ClientId))));
        var noAssertion = await OAuthKit.RequestTokenAsync(sandbox, string.Empty, form: Form(("grant_type", "client_credentials"), ("client_assertion_type", JwtBearer)));
        var secret = await OAuthKit.RequestTokenAsync(sandbox, string.Empty, form: Form(("grant_type", "client_credentials"), ("client_id", ClientId), ("client_secret", "s3cret")));
        var json = await OAuthKit.CallAsync(sandbox, HttpMethod.Post, OAuthKit.TokenPath, "SSWS " + sandbox.Host.ApiToken, body: new JsonObject { ["grant_type"] = "client_credentials" });

        OAuthKit.AssertOAuthError(password, HttpStatusCode.BadRequest, "unsupported_grant_type");
        OAuthKit.AssertOAuthError(noGrant, HttpStatusCode.BadRequest, "invalid_request");
        OAuthKit.AssertOAuthError(wrongType, HttpStatusCode.BadRequest, "invalid_request");
        OAuthKit.AssertOAuthError(noAssertion, HttpStatusCode.Unauthorized, "invalid_client");
        OAuthKit.AssertOAuthError(secret, HttpStatusCode.Unauthorized, "invalid_client");
        OAuthKit.AssertOAuthError(json, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task RegistrationIsValidatedListedAndClearedByReset()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa(kid: "k1");
        var withPrivateKey = key.PublicJwk();
        withPrivateKey["d"] = "AQAB";

        var bad = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/oauth/clients",
            new JsonObject { ["clientId"] = ClientId, ["jwks"] = new JsonObject { ["keys"] = new JsonArray(withPrivateKey) } }.ToJsonString());
        var unknownField = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/oauth/clients",
            new JsonObject { ["clientId"] = ClientId, ["jwks"] = new JsonObject { ["keys"] = new JsonArray(key.PublicJwk()) }, ["dpop"] = true }.ToJsonString());
        await OAuthKit.RegisterAsync(sandbox, ClientId, key, requireDpop: true, lifetime: 600);
        var listed = await sandbox.AdminGetArrayAsync("/sandbox/oauth/clients");
        var token = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, key, ClientId));

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("private", (string?)bad.Object["error"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.Status);
        var client = Assert.IsType<JsonObject>(Assert.Single(listed));
        Assert.Equal(ClientId, (string?)client["clientId"]);
        Assert.Equal(["okta.eventHooks.read", "okta.eventHooks.manage"], client["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.True((bool)client["requireDpop"]!);
        Assert.Equal(600, (int)client["tokenLifetimeSeconds"]!);
        Assert.False((bool)client["revoked"]!);
        Assert.Equal("k1", (string?)client["jwks"]!["keys"]![0]!["kid"]);
        Assert.Equal(key.Thumbprint(), (string?)client["jwks"]!["keys"]![0]!["thumbprint"]);
        OAuthKit.AssertOAuthError(token, HttpStatusCode.BadRequest, "invalid_dpop_proof"); // registered as asked

        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset")).Status);
        Assert.Empty(await sandbox.AdminGetArrayAsync("/sandbox/oauth/clients"));
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.AdminSendAsync(HttpMethod.Post, $"/sandbox/oauth/clients/{ClientId}/revoke")).Status);
    }

    [Fact]
    public async Task FaultsApplyToTheTokenEndpointSoClientsCanTestTheirRetries()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        await sandbox.AddFaultAsync(new JsonObject { ["mode"] = "status", ["status"] = 503, ["pathExact"] = OAuthKit.TokenPath, ["count"] = 1 });
        var assertion = OAuthKit.Assertion(sandbox, key, ClientId);

        var faulted = await OAuthKit.RequestTokenAsync(sandbox, assertion);
        var retried = await OAuthKit.RequestTokenAsync(sandbox, assertion); // a "before" fault never reached the endpoint

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.Status);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(["status", null], (await sandbox.RequestLogAsync()).Select(e => (string?)e!["fault"]));
    }

    [Fact]
    public async Task ResetKillsIssuedTokens()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var key = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        var token = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId);

        await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset");
        await OAuthKit.RegisterAsync(sandbox, ClientId, key);
        var call = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token);

        call.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011", "Invalid token provided");
    }

    [Fact]
    public async Task StartupClientsFromAPemGetTokensAndComeBackAfterReset()
    {
        using var key = TestKey.Ec();
        var options = new SandboxOptions();
        options.OAuthClients.Add(new SandboxOAuthClient(ClientId, key.PublicPem()));
        await using var sandbox = await SandboxClient.StartAsync(options);

        await OAuthKit.BearerTokenAsync(sandbox, key, ClientId);
        await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/reset");
        var token = await OAuthKit.BearerTokenAsync(sandbox, key, ClientId);

        Assert.Equal(HttpStatusCode.OK, (await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + token)).Status);
    }

    [Fact]
    public async Task AStartupClientWithABadKeyStopsTheStart()
    {
        var options = new SandboxOptions();
        options.OAuthClients.Add(new SandboxOAuthClient(ClientId, "{\"kty\":\"oct\",\"k\":\"AAAA\"}"));

        await Assert.ThrowsAsync<ArgumentException>(() => SandboxHost.StartAsync(options));
    }
}
