using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>
/// A key pair for one test (RSA 2048 or EC P-256) that signs JWTs the way a client library would. Key pairs are
/// lent from a pool and given back on Dispose: RSA generation is slow, keys held at the same time are always
/// distinct, and reuse across tests is harmless because every test has a sandbox of its own.
/// </summary>
internal sealed class TestKey : IDisposable
{
    private static readonly ConcurrentBag<RSA> IdleRsa = [];
    private static readonly ConcurrentBag<ECDsa> IdleEc = [];

    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;
    private int _returned;

    private TestKey(RSA? rsa, ECDsa? ec, string? kid)
    {
        _rsa = rsa;
        _ec = ec;
        Kid = kid;
    }

    public string? Kid { get; }

    public string Alg => _rsa is not null ? "RS256" : "ES256";

    public static TestKey Rsa(string? kid = null) => new(IdleRsa.TryTake(out var rsa) ? rsa : RSA.Create(2048), null, kid);

    public static TestKey Ec(string? kid = null) => new(null, IdleEc.TryTake(out var ec) ? ec : ECDsa.Create(ECCurve.NamedCurves.nistP256), kid);

    /// <summary>The public JWK, with kid when the key has one.</summary>
    public JsonObject PublicJwk()
    {
        JsonObject jwk;
        if (_rsa is not null)
        {
            var p = _rsa.ExportParameters(false);
            jwk = new JsonObject { ["kty"] = "RSA", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
        }
        else
        {
            var p = _ec!.ExportParameters(false);
            jwk = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) };
        }

        if (Kid is not null)
        {
            jwk["kid"] = Kid;
        }

        return jwk;
    }

    /// <summary>RFC 7638 thumbprint, computed here independently of the sandbox.</summary>
    public string Thumbprint()
    {
        var jwk = PublicJwk();
        var canonical = _rsa is not null
            ? $$"""{"e":"{{jwk["e"]}}","kty":"RSA","n":"{{jwk["n"]}}"}"""
            : $$"""{"crv":"P-256","kty":"EC","x":"{{jwk["x"]}}","y":"{{jwk["y"]}}"}""";
        return B64(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public string PublicPem() => _rsa is not null ? _rsa.ExportSubjectPublicKeyInfoPem() : _ec!.ExportSubjectPublicKeyInfoPem();

    public string Sign(JsonObject header, JsonObject payload)
    {
        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var data = Encoding.ASCII.GetBytes(input);
        var signature = _rsa is not null
            ? _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : _ec!.SignData(data, HashAlgorithmName.SHA256); // IEEE P1363 r||s, as JWS wants
        return input + "." + B64(signature);
    }

    public void Dispose()
    {
        // Given back once only: a second Dispose must not let two later keys share one pair.
        if (Interlocked.Exchange(ref _returned, 1) == 1)
        {
            return;
        }

        if (_rsa is not null)
        {
            IdleRsa.Add(_rsa);
        }

        if (_ec is not null)
        {
            IdleEc.Add(_ec);
        }
    }

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static byte[] B64Decode(string text) => Base64Url.DecodeFromChars(text);
}

/// <summary>
/// What a client of the org authorization server does: register (admin), build client assertions and DPoP proofs,
/// ask for tokens and call the API with them.
/// </summary>
internal static class OAuthKit
{
    public const string TokenPath = "/oauth2/v1/token";
    public const string BothScopes = "okta.eventHooks.read okta.eventHooks.manage";

    public static string TokenUrl(SandboxClient sandbox) => sandbox.Host.BaseAddress + TokenPath;

    public static string HooksUrl(SandboxClient sandbox) => sandbox.Host.BaseAddress + SandboxClient.HooksPath;

    public static long Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static async Task RegisterAsync(SandboxClient sandbox, string clientId, TestKey key, string[]? scopes = null, bool requireDpop = false, int? lifetime = null)
    {
        var body = new JsonObject
        {
            ["clientId"] = clientId,
            ["jwks"] = new JsonObject { ["keys"] = new JsonArray(key.PublicJwk()) },
            ["requireDpop"] = requireDpop,
        };
        if (scopes is not null)
        {
            body["scopes"] = new JsonArray(scopes.Select(s => (JsonNode)s).ToArray());
        }

        if (lifetime is not null)
        {
            body["tokenLifetimeSeconds"] = lifetime;
        }

        var response = await sandbox.AdminSendAsync(HttpMethod.Post, "/sandbox/oauth/clients", body.ToJsonString());
        Assert.True(response.Status == HttpStatusCode.Created, $"Register failed: {(int)response.Status} {response.Body}");
    }

    /// <summary>A private_key_jwt assertion as Okta's SDKs build it (exp now + 50 min, a fresh GUID jti), with overrides.</summary>
    public static string Assertion(SandboxClient sandbox, TestKey key, string clientId, Action<JsonObject>? changeClaims = null, Action<JsonObject>? changeHeader = null)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new JsonObject { ["alg"] = key.Alg, ["typ"] = "JWT" };
        if (key.Kid is not null)
        {
            header["kid"] = key.Kid;
        }

        var claims = new JsonObject
        {
            ["aud"] = TokenUrl(sandbox),
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["iat"] = Epoch(now),
            ["exp"] = Epoch(now.AddMinutes(50)),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        changeHeader?.Invoke(header);
        changeClaims?.Invoke(claims);
        return key.Sign(header, claims);
    }

    /// <summary>A DPoP proof (RFC 9449) signed by <paramref name="key"/>, whose public JWK goes in the header.</summary>
    public static string Proof(TestKey key, string htm, string htu, string? nonce = null, string? accessToken = null, Action<JsonObject>? changeClaims = null, Action<JsonObject>? changeHeader = null)
    {
        var header = new JsonObject { ["typ"] = "dpop+jwt", ["alg"] = key.Alg, ["jwk"] = key.PublicJwk() };
        var claims = new JsonObject
        {
            ["htm"] = htm,
            ["htu"] = htu,
            ["iat"] = Epoch(DateTimeOffset.UtcNow),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        if (accessToken is not null)
        {
            claims["ath"] = Ath(accessToken);
        }

        changeHeader?.Invoke(header);
        changeClaims?.Invoke(claims);
        return key.Sign(header, claims);
    }

    public static string Ath(string accessToken) => TestKey.B64(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    public static async Task<ApiResponse> RequestTokenAsync(SandboxClient sandbox, string assertion, string scope = BothScopes, string? dpopProof = null, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath)
        {
            Content = new FormUrlEncodedContent(form ??
            [
                new("grant_type", "client_credentials"),
                new("scope", scope),
                new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                new("client_assertion", assertion),
            ]),
        };
        if (dpopProof is not null)
        {
            request.Headers.Add("DPoP", dpopProof);
        }

        return await SendAsync(sandbox, request);
    }

    /// <summary>Gets a Bearer token for a registered client, failing the test if the sandbox refuses.</summary>
    public static async Task<string> BearerTokenAsync(SandboxClient sandbox, TestKey key, string clientId, string scope = BothScopes)
    {
        var response = await RequestTokenAsync(sandbox, Assertion(sandbox, key, clientId), scope);
        Assert.True(response.Status == HttpStatusCode.OK, $"Token request failed: {(int)response.Status} {response.Body}");
        Assert.Equal("Bearer", (string?)response.Object["token_type"]);
        return (string)response.Object["access_token"]!;
    }

    /// <summary>Runs the whole DPoP dance (proof, use_dpop_nonce, proof with nonce) and returns the DPoP-bound token.</summary>
    public static async Task<string> DpopTokenAsync(SandboxClient sandbox, TestKey clientKey, TestKey dpopKey, string clientId)
    {
        var first = await RequestTokenAsync(sandbox, Assertion(sandbox, clientKey, clientId), dpopProof: Proof(dpopKey, "POST", TokenUrl(sandbox)));
        Assert.True(first.Status == HttpStatusCode.BadRequest, $"Expected use_dpop_nonce: {(int)first.Status} {first.Body}");
        var nonce = first.Header("DPoP-Nonce");
        var second = await RequestTokenAsync(sandbox, Assertion(sandbox, clientKey, clientId), dpopProof: Proof(dpopKey, "POST", TokenUrl(sandbox), nonce));
        Assert.True(second.Status == HttpStatusCode.OK, $"DPoP token request failed: {(int)second.Status} {second.Body}");
        Assert.Equal("DPoP", (string?)second.Object["token_type"]);
        return (string)second.Object["access_token"]!;
    }

    /// <summary>An API call with <c>Authorization: &lt;scheme&gt; &lt;token&gt;</c> and, when given, a DPoP proof header.</summary>
    public static async Task<ApiResponse> CallAsync(SandboxClient sandbox, HttpMethod method, string path, string authorization, string? dpopProof = null, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (dpopProof is not null)
        {
            request.Headers.Add("DPoP", dpopProof);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await SendAsync(sandbox, request);
    }

    /// <summary>Asserts an OAuth error body: exactly error and error_description, as JSON. Returns the description.</summary>
    public static string AssertOAuthError(ApiResponse response, HttpStatusCode status, string error)
    {
        Assert.True(response.Status == status, $"Expected {(int)status} {error}, got {(int)response.Status} {response.Body}");
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(["error", "error_description"], response.Object.Select(p => p.Key));
        Assert.Equal(error, (string?)response.Object["error"]);
        var description = (string)response.Object["error_description"]!;
        Assert.NotEmpty(description);
        return description;
    }

    private static async Task<ApiResponse> SendAsync(SandboxClient sandbox, HttpRequestMessage request)
    {
        request.Headers.UserAgent.ParseAdd("OktaEventHooksSandboxTests/1.0");
        using var response = await sandbox.Http.SendAsync(request);
        return new ApiResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
