using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.Auth;

namespace OktaEventHooks.Client.Tests;

public sealed class SigningKeyTests
{
    private static readonly JsonWebTokenHandler Tokens = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// One RSA key for the tests that never sign with it, as making RSA keys is slow. A test that signs makes its own:
    /// IdentityModel caches signature providers per key material for the whole process.
    /// </summary>
    private static readonly RSA Rsa = RSA.Create(2048);

    private static string Pem(string label, byte[] der) => new(PemEncoding.Write(label, der));

    private static ECCurve Curve(string name) => name switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => ECCurve.CreateFromFriendlyName(name),
    };

    /// <summary>The base64 body of a PEM, the part that must never show up in a message.</summary>
    private static string Body(string pem) =>
        string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));

    private static JObject RsaJwk(RSA rsa, string? kid = null)
    {
        var p = rsa.ExportParameters(true);
        var jwk = new JObject
        {
            ["kty"] = "RSA",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["d"] = Base64UrlEncoder.Encode(p.D),
            ["p"] = Base64UrlEncoder.Encode(p.P),
            ["q"] = Base64UrlEncoder.Encode(p.Q),
            ["dp"] = Base64UrlEncoder.Encode(p.DP),
            ["dq"] = Base64UrlEncoder.Encode(p.DQ),
            ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
        };
        if (kid != null)
        {
            jwk["kid"] = kid;
        }

        return jwk;
    }

    private static JObject EcJwk(ECDsa ec, string crv, string? kid = null)
    {
        var p = ec.ExportParameters(true);
        var jwk = new JObject
        {
            ["kty"] = "EC",
            ["crv"] = crv,
            ["x"] = Base64UrlEncoder.Encode(p.Q.X),
            ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
            ["d"] = Base64UrlEncoder.Encode(p.D),
        };
        if (kid != null)
        {
            jwk["kid"] = kid;
        }

        return jwk;
    }

    /// <summary>Signs a token with <paramref name="key"/> and checks it with the public half of the original key.</summary>
    private static async Task AssertSignsFor(SigningKey key, SecurityKey publicKey)
    {
        var token = Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "test" },
            SigningCredentials = key.Credentials,
        });
        var result = await Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = publicKey,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(key.JwsAlgorithm, new JsonWebToken(token).Alg);
    }

    [Theory]
    [InlineData("RSA PRIVATE KEY")]
    [InlineData("PRIVATE KEY")]
    public async Task Reads_an_RSA_PEM_key(string label)
    {
        using var rsa = RSA.Create(2048);
        var pem = Pem(label, label == "PRIVATE KEY" ? rsa.ExportPkcs8PrivateKey() : rsa.ExportRSAPrivateKey());

        using var key = SigningKey.Parse(pem, null);

        Assert.Equal("RS256", key.JwsAlgorithm);
        Assert.Null(key.KeyId);
        await AssertSignsFor(key, new RsaSecurityKey(rsa.ExportParameters(false)));
    }

    [Theory]
    [InlineData("P-256", "ES256", "EC PRIVATE KEY")]
    [InlineData("P-384", "ES384", "EC PRIVATE KEY")]
    [InlineData("P-521", "ES512", "EC PRIVATE KEY")]
    [InlineData("P-256", "ES256", "PRIVATE KEY")]
    [InlineData("P-384", "ES384", "PRIVATE KEY")]
    [InlineData("P-521", "ES512", "PRIVATE KEY")]
    public async Task Reads_an_EC_PEM_key(string crv, string alg, string label)
    {
        using var ec = ECDsa.Create(Curve(crv));
        var pem = Pem(label, label == "PRIVATE KEY" ? ec.ExportPkcs8PrivateKey() : ec.ExportECPrivateKey());

        using var key = SigningKey.Parse(pem, null);

        Assert.Equal(alg, key.JwsAlgorithm);
        await AssertSignsFor(key, new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))));
        var jwk = key.PublicJwk();
        var expected = ec.ExportParameters(false);
        Assert.Equal("EC", jwk["kty"]);
        Assert.Equal(crv, jwk["crv"]);
        Assert.Equal(Base64UrlEncoder.Encode(expected.Q.X), jwk["x"]);
        Assert.Equal(Base64UrlEncoder.Encode(expected.Q.Y), jwk["y"]);
        Assert.False(jwk.ContainsKey("d"));
    }

    [Fact]
    public async Task Reads_a_PEM_key_with_surrounding_whitespace_and_CRLF_lines()
    {
        using var rsa = RSA.Create(2048);
        var pem = "\r\n  " + Pem("PRIVATE KEY", rsa.ExportPkcs8PrivateKey()).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n";
        using var key = SigningKey.Parse(pem, null);
        await AssertSignsFor(key, new RsaSecurityKey(rsa.ExportParameters(false)));
    }

    [Fact]
    public void Gives_a_PEM_key_the_key_id_it_is_told()
    {
        var rsa = Rsa;
        using var key = SigningKey.Parse(Pem("PRIVATE KEY", rsa.ExportPkcs8PrivateKey()), "kid-42");
        Assert.Equal("kid-42", key.KeyId);
        Assert.Equal("kid-42", key.SecurityKey.KeyId);
        Assert.Equal("RS256 key kid-42", key.ToString());
    }

    [Fact]
    public async Task Reads_an_RSA_JWK_and_its_kid()
    {
        using var rsa = RSA.Create(2048);
        using var key = SigningKey.Parse(RsaJwk(rsa, kid: "okta-kid-1").ToString(), null);

        Assert.Equal("RS256", key.JwsAlgorithm);
        Assert.Equal("okta-kid-1", key.KeyId);
        await AssertSignsFor(key, new RsaSecurityKey(rsa.ExportParameters(false)));
        var jwk = key.PublicJwk();
        Assert.Equal("RSA", jwk["kty"]);
        Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), jwk["n"]);
        Assert.Equal("AQAB", jwk["e"]);
        Assert.False(jwk.ContainsKey("d"));
    }

    [Theory]
    [InlineData("P-256", "ES256")]
    [InlineData("P-384", "ES384")]
    [InlineData("P-521", "ES512")]
    public async Task Reads_an_EC_JWK(string crv, string alg)
    {
        using var ec = ECDsa.Create(Curve(crv));
        using var key = SigningKey.Parse(EcJwk(ec, crv).ToString(), null);
        Assert.Equal(alg, key.JwsAlgorithm);
        Assert.Null(key.KeyId);
        await AssertSignsFor(key, new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))));
    }

    [Fact]
    public async Task Reads_a_JWKS_that_holds_one_key()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwks = new JObject { ["keys"] = new JArray(EcJwk(ec, "P-256", kid: "in-set")) };
        using var key = SigningKey.Parse(jwks.ToString(), null);
        Assert.Equal("in-set", key.KeyId);
        await AssertSignsFor(key, new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))));
    }

    [Fact]
    public void Lets_the_key_id_it_is_told_override_the_JWK_s_own()
    {
        var rsa = Rsa;
        using var key = SigningKey.Parse(RsaJwk(rsa, kid: "from-file").ToString(), "from-parameter");
        Assert.Equal("from-parameter", key.KeyId);
    }

    [Fact]
    public async Task Makes_a_fresh_P256_key_for_DPoP()
    {
        using var first = SigningKey.NewDpopKey();
        using var second = SigningKey.NewDpopKey();
        Assert.Equal("ES256", first.JwsAlgorithm);
        Assert.Equal("P-256", first.PublicJwk()["crv"]);
        Assert.NotEqual(first.PublicJwk()["x"], second.PublicJwk()["x"]);
        await AssertSignsFor(first, new JsonWebKey(Newtonsoft.Json.JsonConvert.SerializeObject(first.PublicJwk())));
    }

    public static TheoryData<string, string> BadKeys
    {
        get
        {
            var rsa = Rsa;
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var pkcs8 = Pem("PRIVATE KEY", rsa.ExportPkcs8PrivateKey());
            var body = Body(pkcs8);
            var twoKeys = new JObject { ["keys"] = new JArray(EcJwk(ec, "P-256"), EcJwk(ec, "P-256")) };
            var publicJwk = EcJwk(ec, "P-256");
            publicJwk.Remove("d");
            var noCurve = EcJwk(ec, "P-256");
            noCurve["crv"] = "P-192";
            var k1 = EcJwk(ec, "P-256");
            k1["crv"] = "secp256k1";
            var octet = new JObject { ["kty"] = "oct", ["k"] = "c2VjcmV0", ["d"] = "c2VjcmV0" };
            var noKty = EcJwk(ec, "P-256");
            noKty.Remove("kty");
            var missingQ = RsaJwk(rsa);
            missingQ.Remove("q");
            var wrongNumbers = RsaJwk(rsa);
            wrongNumbers["d"] = Base64UrlEncoder.Encode(new byte[256]);
            var badPoint = EcJwk(ec, "P-256");
            badPoint["x"] = Base64UrlEncoder.Encode(new byte[32]);

            return new TheoryData<string, string>
            {
                { "", "The private key is empty." },
                { "  \r\n ", "The private key is empty." },
                { "c2VjcmV0IGtleSB0ZXh0IHRoYXQgaXMgbm90IGEga2V5", "The private key is neither PEM ('-----BEGIN ... PRIVATE KEY-----') nor a JWK ('{ \"kty\": ... }')." },
                { "MII" + body[3..], "The private key is neither PEM" },
                { Pem("PUBLIC KEY", rsa.ExportSubjectPublicKeyInfo()), "The PEM holds no private key (a public key or certificate cannot sign)." },
                { Pem("RSA PUBLIC KEY", rsa.ExportRSAPublicKey()), "The PEM holds no private key" },
                { Pem("PUBLIC KEY", ec.ExportSubjectPublicKeyInfo()), "The PEM holds no private key" },
                { Pem("CERTIFICATE", SelfSignedCertificate(rsa)), "The PEM holds no private key" },
                {
                    Pem("ENCRYPTED PRIVATE KEY", rsa.ExportEncryptedPkcs8PrivateKey("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000))),
                    "The PEM private key is encrypted; give an unencrypted PKCS#8, PKCS#1 or SEC1 key."
                },
                { pkcs8.Replace(body[10..50], new string('*', 40), StringComparison.Ordinal), "The PEM text is not a readable private key" },
                { pkcs8.Replace(body[..60], body[4..64], StringComparison.Ordinal), "The PEM text is not a readable private key" },
                { "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----", "The PEM text is not a readable private key" },
                { "-----BEGIN SOMETHING ELSE-----\n" + body + "\n-----END SOMETHING ELSE-----", "The PEM text is not a readable private key" },
                { "-----BEGIN PRIVATE KEY-----", "The PEM text is not a readable private key" },
                { "{ \"kty\": \"RSA\", \"d\": ", "The private key looks like JSON but is not valid JSON." },
                { twoKeys.ToString(), "The JWKS must hold exactly one key." },
                { "{ \"keys\": [] }", "The JWKS must hold exactly one key." },
                { publicJwk.ToString(), "The JWK is a public key (it has no 'd'); give the private JWK." },
                { noCurve.ToString(), "The EC JWK's 'crv' must be P-256, P-384 or P-521." },
                { k1.ToString(), "The EC JWK's 'crv' must be P-256, P-384 or P-521." },
                { octet.ToString(), "The JWK's 'kty' must be RSA or EC." },
                { noKty.ToString(), "The JWK's 'kty' must be RSA or EC." },
                { missingQ.ToString(), "The JWK has no 'q'." },
                { wrongNumbers.ToString(), "The JWK's numbers do not make a valid RSA private key." },
                { badPoint.ToString(), "The JWK's numbers do not make a valid EC private key." },
            };
        }
    }

    private static byte[] SelfSignedCertificate(RSA rsa)
    {
        var request = new CertificateRequest("CN=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Cert);
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void Says_what_is_wrong_with_a_key_never_what_the_key_is(string text, string message)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => SigningKey.Parse(text, null));
        Assert.StartsWith(message, ex.Message);
        foreach (var line in text.Split('\n', '"').Select(l => l.Trim()).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuses_an_EC_key_on_a_curve_Okta_does_not_sign_with()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.brainpoolP512r1);
        var pem = Pem("EC PRIVATE KEY", ec.ExportECPrivateKey());
        var ex = Assert.Throws<ArgumentException>(() => SigningKey.Parse(pem, null));
        Assert.Equal("The EC key is not on P-256, P-384 or P-521.", ex.Message);
    }

    [Theory]
    [InlineData("secP256k1")]
    [InlineData("brainpoolP256r1")]
    [InlineData("brainpoolP384r1")]
    public void Refuses_an_EC_key_on_a_curve_of_the_same_size_as_Okta_s(string curve)
    {
        using var ec = ECDsa.Create(Curve(curve));
        var pem = Pem("EC PRIVATE KEY", ec.ExportECPrivateKey());
        var ex = Assert.ThrowsAny<ArgumentException>(() => SigningKey.Parse(pem, null));
        Assert.Equal("The EC key is not on P-256, P-384 or P-521.", ex.Message);
    }

    [Theory]
    [InlineData("d", "CANARY+private/key==")]
    [InlineData("x", "not base64url!")]
    [InlineData("d", "A")]
    public void Says_which_field_of_a_JWK_is_not_base64url_without_showing_it(string field, string value)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = EcJwk(ec, "P-256");
        jwk[field] = value;
        var ex = Assert.ThrowsAny<ArgumentException>(() => SigningKey.Parse(jwk.ToString(), null));
        Assert.Contains($"'{field}'", ex.Message);
        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
    }
}
