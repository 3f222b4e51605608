using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.OAuth;
using Xunit;

namespace OktaEventHooks.Sandbox.Tests;

/// <summary>The sandbox's JWK reading and RFC 7638 thumbprints, against published values.</summary>
public sealed class PublicJwkTests
{
    // RFC 7638 §3.1: the example RSA key and its SHA-256 thumbprint.
    private const string Rfc7638Key = """
        {"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}
        """;

    [Fact]
    public void ThumbprintMatchesRfc7638Example()
    {
        var (key, problem) = PublicJwk.Parse(JsonNode.Parse(Rfc7638Key));

        Assert.Null(problem);
        Assert.Equal("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", key!.Thumbprint());
        Assert.Equal("2011-04-29", key.Kid);
    }

    [Fact]
    public void ThumbprintOfAnEcKeyMatchesTheTestsOwnComputation()
    {
        using var key = TestKey.Ec(kid: "k");

        var (jwk, _) = PublicJwk.Parse(key.PublicJwk());

        Assert.Equal(key.Thumbprint(), jwk!.Thumbprint());
    }

    [Theory]
    [InlineData("""{"kty":"oct","k":"AAAA"}""", "private key material")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"AAAA"}""", "'kty' 'OKP'")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}""", "32 bytes")]
    [InlineData("""{"kty":"RSA","n":"AQAB","e":"AQAB"}""", "bits")]
    [InlineData("""{"kty":"RSA","e":"AQAB"}""", "'n' and 'e'")]
    [InlineData("""[1]""", "JSON object")]
    public void UnusableKeysAreRefusedWithAReason(string json, string reason)
    {
        var (key, problem) = PublicJwk.Parse(JsonNode.Parse(json));

        Assert.Null(key);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PemPublicKeysOfBothKindsAreRead()
    {
        using var rsa = TestKey.Rsa();
        using var ec = TestKey.Ec();

        var (rsaKeys, _) = PublicJwk.ParseKeyFile(rsa.PublicPem());
        var (ecKeys, _) = PublicJwk.ParseKeyFile(ec.PublicPem());
        var (jwksKeys, _) = PublicJwk.ParseKeyFile(new JsonObject { ["keys"] = new JsonArray(rsa.PublicJwk(), ec.PublicJwk()) }.ToJsonString());

        Assert.Equal(rsa.Thumbprint(), Assert.Single(rsaKeys!).Thumbprint());
        Assert.Equal(ec.Thumbprint(), Assert.Single(ecKeys!).Thumbprint());
        Assert.Equal([rsa.Thumbprint(), ec.Thumbprint()], jwksKeys!.Select(k => k.Thumbprint()));
    }
}
