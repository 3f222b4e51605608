using System.Net;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>DPoP (RFC 9449) at the token endpoint (the nonce dance) and on API calls (proof per request).</summary>
public sealed class OAuthDpopTests
{
    private const string ClientId = "0oaSandboxDpop000001";

    [Fact]
    public async Task TheTokenEndpointWalksTheNonceDance()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var clientKey = TestKey.Rsa();
        using var dpopKey = TestKey.Ec();
        await OAuthKit.RegisterAsync(sandbox, ClientId, clientKey, requireDpop: true);
        var tokenUrl = OAuthKit.TokenUrl(sandbox);

        var noProof = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId));
        var noNonce = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId), dpopProof: OAuthKit.Proof(dpopKey, "POST", tokenUrl));
        var nonce = noNonce.Header("DPoP-Nonce");
        var wrongNonce = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId), dpopProof: OAuthKit.Proof(dpopKey, "POST", tokenUrl, "not-our-nonce"));
        var withNonce = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId), dpopProof: OAuthKit.Proof(dpopKey, "POST", tokenUrl, nonce));

        Assert.Equal("The DPoP proof JWT header is missing.", OAuthKit.AssertOAuthError(noProof, HttpStatusCode.BadRequest, "invalid_dpop_proof"));
        Assert.Equal("Authorization server requires nonce in DPoP proof.", OAuthKit.AssertOAuthError(noNonce, HttpStatusCode.BadRequest, "use_dpop_nonce"));
        Assert.NotEmpty(nonce);
        OAuthKit.AssertOAuthError(wrongNonce, HttpStatusCode.BadRequest, "use_dpop_nonce");
        Assert.NotEqual(nonce, wrongNonce.Header("DPoP-Nonce"));
        Assert.Equal(HttpStatusCode.OK, withNonce.Status);
        Assert.Equal("DPoP", (string?)withNonce.Object["token_type"]);
        Assert.Equal(3600, (int)withNonce.Object["expires_in"]!);
    }

    [Theory]
    [InlineData("wrong-htu")]
    [InlineData("wrong-htm")]
    [InlineData("wrong-typ")]
    [InlineData("old-iat")]
    [InlineData("bad-signature")]
    [InlineData("assertion-key")]
    [InlineData("replayed")]
    public async Task ABadProofAtTheTokenEndpointIsInvalidDpopProof(string problem)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var clientKey = TestKey.Rsa();
        using var dpopKey = TestKey.Ec();
        using var otherKey = TestKey.Ec();
        await OAuthKit.RegisterAsync(sandbox, ClientId, clientKey, requireDpop: true);
        var tokenUrl = OAuthKit.TokenUrl(sandbox);
        var nonce = (await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId), dpopProof: OAuthKit.Proof(dpopKey, "POST", tokenUrl))).Header("DPoP-Nonce");
        var good = OAuthKit.Proof(dpopKey, "POST", tokenUrl, nonce);

        var proof = problem switch
        {
            "wrong-htu" => OAuthKit.Proof(dpopKey, "POST", sandbox.Host.BaseAddress + "/oauth2/default/v1/token", nonce),
            "wrong-htm" => OAuthKit.Proof(dpopKey, "GET", tokenUrl, nonce),
            "wrong-typ" => Resigned(dpopKey, good, typ: "JWT"),
            "old-iat" => OAuthKit.Proof(dpopKey, "POST", tokenUrl, nonce, changeClaims: c => c["iat"] = OAuthKit.Epoch(DateTimeOffset.UtcNow.AddMinutes(-10))),
            "bad-signature" => good[..good.LastIndexOf('.')] + "." + otherKey.Sign(new() { ["alg"] = "ES256" }, new() { ["x"] = 1 }).Split('.')[2],
            "assertion-key" => OAuthKit.Proof(clientKey, "POST", tokenUrl, nonce),
            _ => good,
        };
        if (problem == "replayed")
        {
            Assert.Equal(HttpStatusCode.OK, (await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId), dpopProof: good)).Status);
        }

        var response = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId), dpopProof: proof);

        OAuthKit.AssertOAuthError(response, HttpStatusCode.BadRequest, "invalid_dpop_proof");
    }

    [Fact]
    public async Task AClientThatDoesNotRequireDpopGetsABearerTokenDespiteAProof()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var clientKey = TestKey.Rsa();
        using var dpopKey = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, clientKey);

        var response = await OAuthKit.RequestTokenAsync(sandbox, OAuthKit.Assertion(sandbox, clientKey, ClientId), dpopProof: OAuthKit.Proof(dpopKey, "POST", OAuthKit.TokenUrl(sandbox)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Bearer", (string?)response.Object["token_type"]);
    }

    [Fact]
    public async Task ADpopTokenWorksWithAFreshProofPerCallAndRefusesAReplay()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var clientKey = TestKey.Ec();
        using var dpopKey = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, clientKey, requireDpop: true);
        var token = await OAuthKit.DpopTokenAsync(sandbox, clientKey, dpopKey, ClientId);
        var hooksUrl = OAuthKit.HooksUrl(sandbox);

        var proof = OAuthKit.Proof(dpopKey, "GET", hooksUrl, accessToken: token);
        var first = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "DPoP " + token, proof);
        var replay = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "DPoP " + token, proof);
        var create = await OAuthKit.CallAsync(sandbox, HttpMethod.Post, SandboxClient.HooksPath, "DPoP " + token,
            OAuthKit.Proof(dpopKey, "POST", hooksUrl, accessToken: token), HookBodies.Minimal());
        var id = (string)create.Object["id"]!;
        var itemUrl = $"{hooksUrl}/{id}";
        var get = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, $"{SandboxClient.HooksPath}/{id}?expand=x", "DPoP " + token,
            OAuthKit.Proof(dpopKey, "GET", itemUrl, accessToken: token));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("already been used", OAuthKit.AssertOAuthError(replay, HttpStatusCode.BadRequest, "invalid_dpop_proof"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, create.Status);
        Assert.Equal(HttpStatusCode.OK, get.Status); // htu carries no query
    }

    [Theory]
    [InlineData("wrong-htu", "'htu'")]
    [InlineData("wrong-htm", "'htm'")]
    [InlineData("wrong-ath", "'ath'")]
    [InlineData("no-ath", "'ath'")]
    [InlineData("other-key", "bound")]
    [InlineData("no-proof", "The DPoP proof JWT header is missing.")]
    [InlineData("old-iat", "'iat'")]
    public async Task ABadProofOnAnApiCallIsInvalidDpopProof(string problem, string described)
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var clientKey = TestKey.Rsa();
        using var dpopKey = TestKey.Ec();
        using var otherKey = TestKey.Ec();
        await OAuthKit.RegisterAsync(sandbox, ClientId, clientKey, requireDpop: true);
        var token = await OAuthKit.DpopTokenAsync(sandbox, clientKey, dpopKey, ClientId);
        var hooksUrl = OAuthKit.HooksUrl(sandbox);

        var proof = problem switch
        {
            "wrong-htu" => OAuthKit.Proof(dpopKey, "GET", hooksUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), accessToken: token),
            "wrong-htm" => OAuthKit.Proof(dpopKey, "POST", hooksUrl, accessToken: token),
            "wrong-ath" => OAuthKit.Proof(dpopKey, "GET", hooksUrl, accessToken: token + "x"),
            "no-ath" => OAuthKit.Proof(dpopKey, "GET", hooksUrl),
            "other-key" => OAuthKit.Proof(otherKey, "GET", hooksUrl, accessToken: token),
            "old-iat" => OAuthKit.Proof(dpopKey, "GET", hooksUrl, accessToken: token, changeClaims: c => c["iat"] = OAuthKit.Epoch(DateTimeOffset.UtcNow.AddMinutes(-6))),
            _ => null,
        };

        var response = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "DPoP " + token, proof);

        Assert.Contains(described, OAuthKit.AssertOAuthError(response, HttpStatusCode.BadRequest, "invalid_dpop_proof"), StringComparison.Ordinal);
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", response.Header("WWW-Authenticate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADpopBoundTokenIsRefusedAsBearerAndABearerTokenAsDpop()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var clientKey = TestKey.Rsa();
        using var dpopKey = TestKey.Ec();
        using var plainKey = TestKey.Rsa();
        await OAuthKit.RegisterAsync(sandbox, ClientId, clientKey, requireDpop: true);
        await OAuthKit.RegisterAsync(sandbox, "0oaPlainService00001", plainKey);
        var dpopToken = await OAuthKit.DpopTokenAsync(sandbox, clientKey, dpopKey, ClientId);
        var bearerToken = await OAuthKit.BearerTokenAsync(sandbox, plainKey, "0oaPlainService00001");
        var hooksUrl = OAuthKit.HooksUrl(sandbox);

        var asBearer = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "Bearer " + dpopToken,
            OAuthKit.Proof(dpopKey, "GET", hooksUrl, accessToken: dpopToken));
        var asDpop = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "DPoP " + bearerToken,
            OAuthKit.Proof(dpopKey, "GET", hooksUrl, accessToken: bearerToken));

        asBearer.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011", "Invalid token provided");
        Assert.Equal("DPoP error=\"invalid_token\", error_description=\"The access token is DPoP bound; use the DPoP scheme.\"", asBearer.Header("WWW-Authenticate"));
        asDpop.AssertOktaError(HttpStatusCode.Unauthorized, "E0000011", "Invalid token provided");
    }

    [Fact]
    public async Task TheBindingIsTheJwkThumbprintSoExtraJwkMembersDoNotMatter()
    {
        await using var sandbox = await SandboxClient.StartAsync();
        using var clientKey = TestKey.Rsa();
        using var dpopKey = TestKey.Ec();
        await OAuthKit.RegisterAsync(sandbox, ClientId, clientKey, requireDpop: true);
        var token = await OAuthKit.DpopTokenAsync(sandbox, clientKey, dpopKey, ClientId);

        // RFC 7638 covers only crv/kty/x/y: the same key with kid/use/alg added is still the bound key.
        var proof = OAuthKit.Proof(dpopKey, "GET", OAuthKit.HooksUrl(sandbox), accessToken: token, changeHeader: h =>
        {
            h["jwk"]!["kid"] = "added-later";
            h["jwk"]!["use"] = "sig";
            h["jwk"]!["alg"] = "ES256";
        });
        var call = await OAuthKit.CallAsync(sandbox, HttpMethod.Get, SandboxClient.HooksPath, "DPoP " + token, proof);

        Assert.Equal(HttpStatusCode.OK, call.Status);
    }

    /// <summary>Re-signs a proof with a different header typ, keeping its claims.</summary>
    private static string Resigned(TestKey key, string proof, string typ)
    {
        var claims = System.Text.Json.Nodes.JsonNode.Parse(TestKey.B64Decode(proof.Split('.')[1]))!.AsObject();
        return key.Sign(new() { ["typ"] = typ, ["alg"] = key.Alg, ["jwk"] = key.PublicJwk() }, claims);
    }
}
