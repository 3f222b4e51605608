using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.Auth;
using OktaEventHooks.Client.Errors;

namespace OktaEventHooks.Client.Tests;

public sealed class PrivateKeyJwtAuthorizerTests : IDisposable
{
    private const string ClientId = "0oa1b2c3d4e5f6g7h8i9";
    private const string Token = "eyJraWQiOiJ0b2tlbiJ9.eyJzdWIiOiJ0b2tlbiJ9.c2lnbmF0dXJl";

    private static readonly Uri ApiUrl = new("https://contoso.okta.com/api/v1/eventHooks/who4k2Zq7RmT9xPcN1d7?expand=x#frag");
    private static readonly JsonWebTokenHandler Tokens = new();

    /// <summary>The client's key, registered with the org: a new one for every test (P-256, quick to make).</summary>
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private readonly FakeTokenEndpoint _endpoint = new();

    public void Dispose() => _key.Dispose();

    private PrivateKeyJwtAuthorizer Authorizer(IEnumerable<string>? scopes = null) =>
        new(ClientId, SigningKey.Parse(new string(PemEncoding.Write("EC PRIVATE KEY", _key.ExportECPrivateKey())), "kid-1"), scopes);

    private static TokenEndpointResponse Answer(int status, object body, string? nonce = null, string? requestId = "req-1") =>
        new(status, body is string text ? text : JObject.FromObject(body).ToString(), nonce, requestId);

    private static TokenEndpointResponse Granted(string type = "Bearer", int? expiresIn = 3600, string token = Token)
    {
        var body = new JObject { ["access_token"] = token, ["token_type"] = type, ["scope"] = "okta.eventHooks.read" };
        if (expiresIn != null)
        {
            body["expires_in"] = expiresIn;
        }

        return new TokenEndpointResponse(200, body.ToString(), null, "req-ok");
    }

    private static TokenEndpointResponse NonceWanted(string nonce) =>
        Answer(400, new { error = "use_dpop_nonce", error_description = "Authorization server requires nonce in DPoP proof." }, nonce);

    private static JObject Header(string jwt) => JObject.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[0]));

    private static JObject Payload(string jwt) => JObject.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1]));

    private static long UnixNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private async Task<TokenValidationResult> ValidateAssertion(string assertion) =>
        await Tokens.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = _endpoint.TokenUrl.AbsoluteUri,
            IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(_key.ExportParameters(false))),
        });

    /// <summary>Checks a DPoP proof's signature with the key in its own <c>jwk</c> header, as a server does.</summary>
    private static async Task AssertProofSignature(string proof)
    {
        var jwk = Header(proof)["jwk"]!.ToString();
        var result = await Tokens.ValidateTokenAsync(proof, new TokenValidationParameters
        {
            IssuerSigningKey = new JsonWebKey(jwk),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidTypes = ["dpop+jwt"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    private static string Ath(string token) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    [Fact]
    public async Task Asks_for_a_token_with_a_client_assertion_signed_by_the_key()
    {
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        var form = Assert.Single(_endpoint.Requests).Form;
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("okta.eventHooks.read okta.eventHooks.manage", form["scope"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);

        var assertion = form["client_assertion"];
        var result = await ValidateAssertion(assertion);
        Assert.True(result.IsValid, result.Exception?.Message);
        var claims = Payload(assertion);
        Assert.Equal(ClientId, (string?)claims["iss"]);
        Assert.Equal(ClientId, (string?)claims["sub"]);
        Assert.Equal("https://contoso.okta.com/oauth2/v1/token", (string?)claims["aud"]);
        Assert.Matches("^[0-9a-f]{32}$", (string?)claims["jti"]);
        Assert.InRange((long)claims["iat"]!, UnixNow() - 5, UnixNow() + 1);
        Assert.Equal(300, (long)claims["exp"]! - (long)claims["iat"]!);
        var header = Header(assertion);
        Assert.Equal("ES256", (string?)header["alg"]);
        Assert.Equal("kid-1", (string?)header["kid"]);
    }

    [Fact]
    public async Task Signs_the_assertion_with_an_RSA_key()
    {
        using var rsa = RSA.Create(2048);
        using var authorizer = new PrivateKeyJwtAuthorizer(ClientId, SigningKey.Parse(new string(PemEncoding.Write("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey())), null));
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        var assertion = Assert.Single(_endpoint.Requests).Form["client_assertion"];
        Assert.Equal("RS256", (string?)Header(assertion)["alg"]);
        Assert.Null(Header(assertion)["kid"]);
        var result = await Tokens.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = _endpoint.TokenUrl.AbsoluteUri,
            IssuerSigningKey = new RsaSecurityKey(rsa.ExportParameters(false)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task Signs_the_assertion_with_a_P384_key()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var authorizer = new PrivateKeyJwtAuthorizer(ClientId, SigningKey.Parse(new string(PemEncoding.Write("EC PRIVATE KEY", ec.ExportECPrivateKey())), null));
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        var assertion = Assert.Single(_endpoint.Requests).Form["client_assertion"];
        Assert.Equal("ES384", (string?)Header(assertion)["alg"]);
        var result = await Tokens.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = ClientId,
            ValidAudience = _endpoint.TokenUrl.AbsoluteUri,
            IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task Uses_a_fresh_jti_for_every_assertion()
    {
        _endpoint.Answers.Enqueue(Granted(expiresIn: 0));
        _endpoint.Answers.Enqueue(Granted(expiresIn: 0));
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        var jtis = _endpoint.Requests.Select(r => (string?)Payload(r.Form["client_assertion"])["jti"]).ToList();
        Assert.Equal(2, jtis.Count);
        Assert.NotEqual(jtis[0], jtis[1]);
    }

    [Theory]
    [InlineData("okta.eventHooks.read", "okta.eventHooks.read")]
    [InlineData("okta.eventHooks.read| |okta.eventTypes.read|", "okta.eventHooks.read okta.eventTypes.read")]
    [InlineData("", "okta.eventHooks.read okta.eventHooks.manage")]
    [InlineData(" |", "okta.eventHooks.read okta.eventHooks.manage")]
    public async Task Asks_for_the_scopes_it_is_given_or_the_defaults(string scopes, string scope)
    {
        using var authorizer = Authorizer(scopes.Split('|', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(scope.Split(' '), authorizer.Scopes);
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        Assert.Equal(scope, Assert.Single(_endpoint.Requests).Form["scope"]);
    }

    [Fact]
    public async Task Always_offers_a_DPoP_proof_to_the_token_endpoint()
    {
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        var proof = Assert.Single(_endpoint.Requests).Proof!;
        await AssertProofSignature(proof);
        var claims = Payload(proof);
        Assert.Equal("POST", (string?)claims["htm"]);
        Assert.Equal("https://contoso.okta.com/oauth2/v1/token", (string?)claims["htu"]);
        Assert.Null(claims["ath"]);
        Assert.Null(claims["nonce"]);
    }

    [Fact]
    public async Task Sends_a_Bearer_token_when_Okta_issues_one()
    {
        _endpoint.Answers.Enqueue(Granted("Bearer"));
        using var authorizer = Authorizer();

        var credentials = await _endpoint.AuthorizeAsync(authorizer, "GET");

        Assert.Equal("Bearer " + Token, credentials.Authorization);
        Assert.Null(credentials.DpopProof);
        Assert.Equal("PrivateKey", authorizer.Mode);
        Assert.Equal("***", credentials.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bearer")]
    [InlineData("N_A")]
    public async Task Takes_any_token_type_but_DPoP_as_Bearer(string? type)
    {
        var body = new JObject { ["access_token"] = Token, ["expires_in"] = 3600 };
        if (type != null)
        {
            body["token_type"] = type;
        }

        _endpoint.Answers.Enqueue(new TokenEndpointResponse(200, body.ToString(), null, null));
        using var authorizer = Authorizer();
        Assert.StartsWith("Bearer ", (await _endpoint.AuthorizeAsync(authorizer, "GET")).Authorization);
    }

    [Theory]
    [InlineData("DPoP")]
    [InlineData("dpop")]
    public async Task Proves_possession_with_a_fresh_proof_on_every_call_when_the_token_is_DPoP_bound(string type)
    {
        _endpoint.Answers.Enqueue(Granted(type));
        using var authorizer = Authorizer();

        var first = await _endpoint.AuthorizeAsync(authorizer, "get");
        var second = await _endpoint.AuthorizeAsync(authorizer, "DELETE");

        Assert.Single(_endpoint.Requests);
        Assert.Equal("PrivateKey+DPoP", authorizer.Mode);
        Assert.Equal("DPoP " + Token, first.Authorization);
        var tokenProofKey = Header(_endpoint.Requests[0].Proof!)["jwk"]!;
        foreach (var (credentials, method) in new[] { (first, "GET"), (second, "DELETE") })
        {
            var proof = credentials.DpopProof!;
            await AssertProofSignature(proof);
            var header = Header(proof);
            Assert.Equal("dpop+jwt", (string?)header["typ"]);
            Assert.Equal("ES256", (string?)header["alg"]);
            var jwk = (JObject)header["jwk"]!;
            Assert.Equal("EC", (string?)jwk["kty"]);
            Assert.Equal("P-256", (string?)jwk["crv"]);
            Assert.Null(jwk["d"]);
            Assert.True(JToken.DeepEquals(tokenProofKey, jwk), "API proofs must be signed by the key the token is bound to.");

            var claims = Payload(proof);
            Assert.Equal(method, (string?)claims["htm"]);
            Assert.Equal("https://contoso.okta.com/api/v1/eventHooks/who4k2Zq7RmT9xPcN1d7", (string?)claims["htu"]);
            Assert.Equal(Ath(Token), (string?)claims["ath"]);
            Assert.InRange((long)claims["iat"]!, UnixNow() - 5, UnixNow() + 1);
            Assert.Null(claims["nonce"]);
        }

        Assert.NotEqual((string?)Payload(first.DpopProof!)["jti"], (string?)Payload(second.DpopProof!)["jti"]);
    }

    [Fact]
    public async Task Asks_again_with_the_nonce_the_token_endpoint_wants()
    {
        _endpoint.Answers.Enqueue(NonceWanted("nonce-1"));
        _endpoint.Answers.Enqueue(Granted("DPoP"));
        using var authorizer = Authorizer();

        var credentials = await _endpoint.AuthorizeAsync(authorizer, "GET");

        Assert.Equal("DPoP " + Token, credentials.Authorization);
        Assert.Equal(2, _endpoint.Requests.Count);
        Assert.Null(Payload(_endpoint.Requests[0].Proof!)["nonce"]);
        Assert.Equal("nonce-1", (string?)Payload(_endpoint.Requests[1].Proof!)["nonce"]);
        Assert.NotEqual(
            (string?)Payload(_endpoint.Requests[0].Form["client_assertion"])["jti"],
            (string?)Payload(_endpoint.Requests[1].Form["client_assertion"])["jti"]);
    }

    [Fact]
    public async Task Keeps_the_token_endpoint_s_nonce_for_the_next_token()
    {
        _endpoint.Answers.Enqueue(NonceWanted("nonce-1"));
        _endpoint.Answers.Enqueue(Granted("DPoP", expiresIn: 0));
        _endpoint.Answers.Enqueue(Granted("DPoP"));
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        Assert.Equal(3, _endpoint.Requests.Count);
        Assert.Equal("nonce-1", (string?)Payload(_endpoint.Requests[2].Proof!)["nonce"]);
    }

    [Fact]
    public async Task Gives_up_after_two_nonce_requests_in_a_row()
    {
        _endpoint.Answers.Enqueue(NonceWanted("n1"));
        _endpoint.Answers.Enqueue(NonceWanted("n2"));
        _endpoint.Answers.Enqueue(NonceWanted("n3"));
        using var authorizer = Authorizer();

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => _endpoint.AuthorizeAsync(authorizer, "GET"));

        Assert.Equal(3, _endpoint.Requests.Count);
        Assert.Equal("use_dpop_nonce", ex.Error.ErrorCode);
        Assert.Equal("n2", (string?)Payload(_endpoint.Requests[2].Proof!)["nonce"]);
    }

    [Fact]
    public async Task Fails_at_once_when_asked_for_a_nonce_without_one()
    {
        _endpoint.Answers.Enqueue(NonceWanted(null!));
        using var authorizer = Authorizer();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => _endpoint.AuthorizeAsync(authorizer, "GET"));
        Assert.Single(_endpoint.Requests);
        Assert.Equal("use_dpop_nonce", ex.Error.ErrorCode);
    }

    [Fact]
    public async Task Puts_the_API_s_nonce_into_the_next_proof_and_keeps_the_token()
    {
        _endpoint.Answers.Enqueue(Granted("DPoP"));
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        Assert.True(authorizer.ShouldRetryAfterChallenge(401, "DPoP error=\"use_dpop_nonce\"", "api-nonce-1"));
        var credentials = await _endpoint.AuthorizeAsync(authorizer, "GET");

        Assert.Single(_endpoint.Requests);
        Assert.Equal("api-nonce-1", (string?)Payload(credentials.DpopProof!)["nonce"]);
        Assert.NotNull(authorizer.TokenExpiresAt);
    }

    [Theory]
    [InlineData("Bearer", null)]
    [InlineData("Bearer", "nonce-for-a-bearer-token")]
    [InlineData("DPoP", null)]
    public async Task Drops_a_refused_token_and_gets_a_new_one(string type, string? nonce)
    {
        _endpoint.Answers.Enqueue(Granted(type, token: "first-token"));
        _endpoint.Answers.Enqueue(Granted(type, token: "second-token"));
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        Assert.True(authorizer.ShouldRetryAfterChallenge(401, "Bearer error=\"invalid_token\"", nonce));
        Assert.Null(authorizer.TokenExpiresAt);
        Assert.Empty(authorizer.KnownSecrets);
        var credentials = await _endpoint.AuthorizeAsync(authorizer, "GET");

        Assert.Equal(2, _endpoint.Requests.Count);
        Assert.EndsWith(" second-token", credentials.Authorization);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(400)]
    [InlineData(500)]
    public async Task Asks_for_no_second_try_after_other_refusals(int status)
    {
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        Assert.False(authorizer.ShouldRetryAfterChallenge(status, null, null));
        Assert.NotNull(authorizer.TokenExpiresAt);
    }

    [Fact]
    public async Task Keeps_the_token_until_it_is_due_for_renewal()
    {
        _endpoint.Answers.Enqueue(Granted(expiresIn: 3600));
        using var authorizer = Authorizer();
        Assert.Null(authorizer.TokenExpiresAt);

        for (var i = 0; i < 3; i++)
        {
            await _endpoint.AuthorizeAsync(authorizer, "GET");
        }

        Assert.Single(_endpoint.Requests);
        Assert.InRange(authorizer.TokenExpiresAt!.Value, DateTimeOffset.UtcNow.AddSeconds(3590), DateTimeOffset.UtcNow.AddSeconds(3600));
        Assert.Equal([Token], authorizer.KnownSecrets);
    }

    [Fact]
    public async Task Takes_a_token_without_expires_in_as_valid_for_an_hour()
    {
        _endpoint.Answers.Enqueue(Granted(expiresIn: null));
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        Assert.InRange(authorizer.TokenExpiresAt!.Value, DateTimeOffset.UtcNow.AddSeconds(3590), DateTimeOffset.UtcNow.AddSeconds(3600));
    }

    [Fact]
    public async Task Renews_a_token_that_has_expired()
    {
        _endpoint.Answers.Enqueue(Granted(expiresIn: 0, token: "first-token"));
        _endpoint.Answers.Enqueue(Granted(expiresIn: 3600, token: "second-token"));
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        var credentials = await _endpoint.AuthorizeAsync(authorizer, "GET");
        Assert.Equal(2, _endpoint.Requests.Count);
        Assert.Equal("Bearer second-token", credentials.Authorization);
    }

    [Fact]
    public async Task Renews_a_short_lived_token_after_four_fifths_of_its_life()
    {
        _endpoint.Answers.Enqueue(Granted(expiresIn: 1, token: "first-token"));
        _endpoint.Answers.Enqueue(Granted(expiresIn: 3600, token: "second-token"));
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        Assert.Equal("Bearer first-token", (await _endpoint.AuthorizeAsync(authorizer, "GET")).Authorization);

        await Task.Delay(TimeSpan.FromMilliseconds(850));

        Assert.Equal("Bearer second-token", (await _endpoint.AuthorizeAsync(authorizer, "GET")).Authorization);
        Assert.Equal(2, _endpoint.Requests.Count);
    }

    [Fact]
    public async Task Asks_for_one_token_for_many_concurrent_callers()
    {
        var release = new TaskCompletionSource();
        _endpoint.Gate = release.Task;
        using var authorizer = Authorizer();

        var calls = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => _endpoint.AuthorizeAsync(authorizer, "GET")))
            .ToArray();
        await Task.Delay(50);
        release.SetResult();
        var all = await Task.WhenAll(calls);

        Assert.Single(_endpoint.Requests);
        Assert.All(all, c => Assert.Equal("Bearer " + Token, c.Authorization));
    }

    public static TheoryData<int, string, OktaFailureKind, string?, string> TokenErrors => new()
    {
        {
            401, """{ "error": "invalid_client", "error_description": "The client_assertion signature is invalid." }""",
            OktaFailureKind.OktaError, "invalid_client",
            $"Okta refused a token for client {ClientId}: invalid_client (The client_assertion signature is invalid) (invalid_client, HTTP 401, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
        {
            400, """{ "error": "invalid_scope" }""",
            OktaFailureKind.OktaError, "invalid_scope",
            $"Okta refused a token for client {ClientId}: invalid_scope (invalid_scope, HTTP 400, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
        {
            500, """{ "errorCode": "E0000009", "errorSummary": "Internal Server Error", "errorId": "oae1" }""",
            OktaFailureKind.OktaError, "E0000009",
            $"Okta refused a token for client {ClientId}: E0000009 (Internal Server Error) (E0000009, HTTP 500, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
        {
            503, "<html><body>Service Unavailable</body></html>",
            OktaFailureKind.UnexpectedResponse, null,
            "Okta answered HTTP 503 with a body that is not the JSON Okta sends (The token endpoint answered HTTP 503 without an OAuth or Okta error body). A proxy or gateway may be in the way. (HTTP 503, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
        {
            502, "",
            OktaFailureKind.UnexpectedResponse, null,
            "Okta answered HTTP 502 with a body that is not the JSON Okta sends (The token endpoint answered HTTP 502 without an OAuth or Okta error body). A proxy or gateway may be in the way. (HTTP 502, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
        {
            200, """{ "token_type": "Bearer", "expires_in": 3600 }""",
            OktaFailureKind.UnexpectedResponse, null,
            "Okta answered HTTP 200 with a body that is not the JSON Okta sends (The token endpoint answered HTTP 200 without an OAuth or Okta error body). A proxy or gateway may be in the way. (HTTP 200, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
        {
            200, """[ "not", "an", "object" ]""",
            OktaFailureKind.UnexpectedResponse, null,
            "Okta answered HTTP 200 with a body that is not the JSON Okta sends (The token endpoint answered HTTP 200 without an OAuth or Okta error body). A proxy or gateway may be in the way. (HTTP 200, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
        {
            400, """{ "error": "invalid_request", "access_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." }""",
            OktaFailureKind.OktaError, "invalid_request",
            $"Okta refused a token for client {ClientId}: invalid_request (invalid_request, HTTP 400, POST oauth2/v1/token, X-Okta-Request-Id req-1)"
        },
    };

    [Theory]
    [MemberData(nameof(TokenErrors))]
    public async Task Tells_why_the_token_endpoint_gave_no_token(int status, string body, OktaFailureKind kind, string? code, string message)
    {
        _endpoint.Answers.Enqueue(new TokenEndpointResponse(status, body, null, "req-1"));
        using var authorizer = Authorizer();

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => _endpoint.AuthorizeAsync(authorizer, "GET"));

        Assert.Equal(kind, ex.Error.Kind);
        Assert.Equal(code, ex.Error.ErrorCode);
        Assert.Equal((HttpStatusCode)status, ex.Error.StatusCode);
        Assert.Equal("req-1", ex.Error.RequestId);
        Assert.Equal("POST oauth2/v1/token", ex.Error.Request);
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task Tells_how_many_attempts_the_token_endpoint_got()
    {
        _endpoint.Answers.Enqueue(new TokenEndpointResponse(503, "", null, null) { Attempts = 3 });
        using var authorizer = Authorizer();
        var ex = await Assert.ThrowsAsync<OktaApiException>(() => _endpoint.AuthorizeAsync(authorizer, "GET"));
        Assert.Equal(3, ex.Error.Attempts);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Null(ex.Error.RequestId);
    }

    [Fact]
    public async Task Never_repeats_the_token_the_assertion_or_a_proof_in_a_token_error()
    {
        const string Opaque = "opaque-CANARY-access-token-0123456789";
        _endpoint.Answers.Enqueue(Granted(expiresIn: 0, token: Opaque));
        _endpoint.Respond = request =>
        {
            var assertion = request.Form["client_assertion"];
            return Answer(400, new
            {
                error = "invalid_grant",
                error_description = $"Rejected {Opaque}; assertion {assertion}; proof {request.Proof}",
            });
        };
        using var authorizer = Authorizer();
        await _endpoint.AuthorizeAsync(authorizer, "GET");

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => _endpoint.AuthorizeAsync(authorizer, "GET"));

        Assert.DoesNotContain("CANARY", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(
            $"Okta refused a token for client {ClientId}: invalid_grant (Rejected ***; assertion ***; proof ***) (invalid_grant, HTTP 400, POST oauth2/v1/token, X-Okta-Request-Id req-1)",
            ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Refuses_an_empty_client_id(string? clientId)
    {
        using var key = SigningKey.NewDpopKey();
        Assert.Throws<ArgumentException>(() => new PrivateKeyJwtAuthorizer(clientId!, key));
    }

    [Fact]
    public void Refuses_a_missing_key() =>
        Assert.Throws<ArgumentNullException>(() => new PrivateKeyJwtAuthorizer(ClientId, null!));

    [Fact]
    public async Task Trims_the_client_id_and_shows_no_secret_when_printed()
    {
        using var authorizer = new PrivateKeyJwtAuthorizer("  " + ClientId + " ", SigningKey.Parse(new string(PemEncoding.Write("PRIVATE KEY", _key.ExportPkcs8PrivateKey())), null));
        Assert.Equal(ClientId, authorizer.ClientId);
        Assert.Empty(authorizer.KnownSecrets);
        await _endpoint.AuthorizeAsync(authorizer, "GET");
        Assert.Equal("PrivateKey " + ClientId, authorizer.ToString());
        Assert.Equal(ClientId, (string?)Payload(_endpoint.Requests[0].Form["client_assertion"])["iss"]);
    }

    [Theory]
    [InlineData(502, """{ "error": { "code": "BadGateway", "message": "The upstream server is unavailable." } }""")]
    [InlineData(400, """{ "error": "invalid_client", "error_description": { "en": "The client is invalid." } }""")]
    [InlineData(500, """{ "errorCode": ["E0000009"] }""")]
    [InlineData(200, """{ "access_token": { "value": "x" }, "token_type": "Bearer" }""")]
    public async Task Tells_why_the_token_endpoint_gave_no_token_when_its_JSON_has_fields_of_the_wrong_type(int status, string body)
    {
        _endpoint.Answers.Enqueue(new TokenEndpointResponse(status, body, null, "req-1"));
        using var authorizer = Authorizer();

        var ex = await Assert.ThrowsAsync<OktaApiException>(() => _endpoint.AuthorizeAsync(authorizer, "GET"));

        Assert.Equal((HttpStatusCode)status, ex.Error.StatusCode);
        Assert.Equal("POST oauth2/v1/token", ex.Error.Request);
    }

    [Fact]
    public async Task Signs_again_with_the_same_key_after_an_earlier_authorizer_was_disposed()
    {
        // Connect, disconnect (the authorizer and its key are disposed), connect again with the same key file.
        var pem = new string(PemEncoding.Write("EC PRIVATE KEY", _key.ExportECPrivateKey()));
        using (var first = new PrivateKeyJwtAuthorizer(ClientId, SigningKey.Parse(pem, null)))
        {
            await _endpoint.AuthorizeAsync(first, "GET");
        }

        using var second = new PrivateKeyJwtAuthorizer(ClientId, SigningKey.Parse(pem, null));
        await _endpoint.AuthorizeAsync(second, "GET");

        Assert.Equal(2, _endpoint.Requests.Count);
        Assert.True((await ValidateAssertion(_endpoint.Requests[1].Form["client_assertion"])).IsValid);
    }

    /// <summary>
    /// A token endpoint in memory: answers from a queue (a Bearer token when it is empty) and records every request.
    /// Requests reach it through the transport's own first step (<see cref="CredentialsStep"/>), one per authorizer.
    /// </summary>
    private sealed class FakeTokenEndpoint
    {
        private readonly Dictionary<IRequestAuthorizer, CredentialsStep> _steps = [];

        public Uri TokenUrl { get; } = new("https://contoso.okta.com/oauth2/v1/token");

        public Queue<TokenEndpointResponse> Answers { get; } = new();

        /// <summary>Answers requests once the queue is empty.</summary>
        public Func<(Dictionary<string, string> Form, string? Proof), TokenEndpointResponse>? Respond { get; set; }

        /// <summary>Every request waits for this before it is answered.</summary>
        public Task? Gate { get; set; }

        public List<(Dictionary<string, string> Form, string? Proof)> Requests { get; } = [];

        /// <summary>The credentials of one API request, as the transport gets them.</summary>
        public Task<RequestCredentials> AuthorizeAsync(IRequestAuthorizer authorizer, string method)
        {
            CredentialsStep step;
            lock (_steps)
            {
                if (!_steps.TryGetValue(authorizer, out step!))
                {
                    step = new CredentialsStep(authorizer, TokenUrl);
                    _steps[authorizer] = step;
                }
            }

            return step.ForAsync(method, ApiUrl, PostAsync, CancellationToken.None);
        }

        private async Task<TokenEndpointResponse> PostAsync(TokenRequest token, CancellationToken cancellationToken)
        {
            Assert.Equal(TokenUrl, token.Url);
            var fields = token.Form.Split('&')
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
            var request = (fields, token.DpopProof);
            lock (Requests)
            {
                Requests.Add(request);
            }

            if (Gate != null)
            {
                await Gate;
            }

            lock (Answers)
            {
                if (Answers.Count > 0)
                {
                    return Answers.Dequeue();
                }
            }

            return Respond?.Invoke(request) ?? Granted();
        }
    }
}
