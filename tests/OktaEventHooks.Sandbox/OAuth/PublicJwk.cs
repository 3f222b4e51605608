using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// A public signing key in JWK form (RFC 7517): RSA (<c>n</c>, <c>e</c>) or EC (<c>crv</c> P-256/P-384/P-521,
/// <c>x</c>, <c>y</c>). Used for registered client keys and for the <c>jwk</c> header of DPoP proofs.
/// The members are kept decoded and re-encoded canonically, so the RFC 7638 thumbprint is the one a client computes.
/// </summary>
internal sealed class PublicJwk
{
    /// <summary>Okta requires 2048-bit RSA keys for private_key_jwt; the sandbox holds DPoP keys to the same bar.</summary>
    public const int MinimumRsaBits = 2048;

    // Members that would make this a private key: a public JWK must carry none of them.
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private readonly RSAParameters? _rsa;
    private readonly ECParameters? _ec;

    private PublicJwk(string? kid, string? alg, RSAParameters rsa)
    {
        Kid = kid;
        Alg = alg;
        _rsa = rsa;
        Kty = "RSA";
    }

    private PublicJwk(string? kid, string? alg, string curve, ECParameters ec)
    {
        Kid = kid;
        Alg = alg;
        Curve = curve;
        _ec = ec;
        Kty = "EC";
    }

    public string Kty { get; }

    public string? Kid { get; }

    /// <summary>The key's own <c>alg</c> member, when it names one: then no other algorithm may use it.</summary>
    public string? Alg { get; }

    public string? Curve { get; }

    /// <summary>Reads a JWK; null and a reason when it is not a usable public RSA or EC signing key.</summary>
    public static (PublicJwk? Key, string? Problem) Parse(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return (null, "a JWK must be a JSON object");
        }

        if (PrivateMembers.FirstOrDefault(json.ContainsKey) is { } secret)
        {
            return (null, $"the JWK holds private key material ('{secret}'); send the public key only");
        }

        var kid = CompactJws.StringMember(json, "kid");
        var alg = CompactJws.StringMember(json, "alg");
        if (json.ContainsKey("kid") && kid is null)
        {
            return (null, "the JWK 'kid' must be a string");
        }

        if (alg is not null && !JwsAlgorithms.IsAsymmetric(alg))
        {
            return (null, $"the JWK 'alg' '{alg}' is not a supported signing algorithm");
        }

        if (CompactJws.StringMember(json, "use") is { } use && use != "sig")
        {
            return (null, $"the JWK 'use' is '{use}'; a signing key must have 'sig' or none");
        }

        return CompactJws.StringMember(json, "kty") switch
        {
            "RSA" => ParseRsa(json, kid, alg),
            "EC" => ParseEc(json, kid, alg),
            { } other => (null, $"the JWK 'kty' '{other}' is not supported; use RSA or EC"),
            null => (null, "the JWK has no 'kty'"),
        };
    }

    /// <summary>
    /// Keys from a file given on the command line: a PEM public key (or a private key, of which only the
    /// public half is kept), a single JWK, or a JWKS <c>{"keys": [...]}</c>.
    /// </summary>
    public static (IReadOnlyList<PublicJwk>? Keys, string? Problem) ParseKeyFile(string text)
    {
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return FromPem(text) is { } key ? ([key], null) : (null, "the PEM holds no RSA or EC key");
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, "the file is neither PEM nor JSON: " + ex.Message);
        }

        return json is JsonObject { } set && set.ContainsKey("keys") ? ParseSet(set) : ParseSingle(json);

        static (IReadOnlyList<PublicJwk>?, string?) ParseSingle(JsonNode? node)
        {
            var (key, problem) = Parse(node);
            return key is null ? (null, problem) : ([key], null);
        }
    }

    /// <summary>A JWKS: <c>{"keys": [ at least one public key ]}</c>, kids unique where given.</summary>
    public static (IReadOnlyList<PublicJwk>? Keys, string? Problem) ParseSet(JsonNode? node)
    {
        if (node is not JsonObject { } set || set["keys"] is not JsonArray { Count: > 0 } array)
        {
            return (null, "'jwks' must be an object whose 'keys' is a non-empty array of public JWKs");
        }

        var keys = new List<PublicJwk>();
        for (var i = 0; i < array.Count; i++)
        {
            var (key, problem) = Parse(array[i]);
            if (key is null)
            {
                return (null, $"jwks.keys[{i}]: {problem}");
            }

            if (key.Kid is not null && keys.Any(k => k.Kid == key.Kid))
            {
                return (null, $"jwks.keys[{i}]: the kid '{key.Kid}' is used twice");
            }

            keys.Add(key);
        }

        return (keys, null);
    }

    public static PublicJwk? FromPem(string pem)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new PublicJwk(null, null, rsa.ExportParameters(includePrivateParameters: false));
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // not RSA: try EC below
        }

        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            return CurveName(parameters.Curve) is { } curve ? new PublicJwk(null, null, curve, parameters) : null;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>True when this key can check a signature made with <paramref name="alg"/>.</summary>
    public bool Fits(string alg) =>
        (Alg is null || Alg == alg) && (_rsa is not null ? JwsAlgorithms.IsRsa(alg) : JwsAlgorithms.CurveOf(alg) == Curve);

    /// <summary>Checks a JWS signature; false (never an exception) for any mismatch or malformed signature.</summary>
    public bool Verify(string alg, byte[] data, byte[] signature)
    {
        if (!Fits(alg) || JwsAlgorithms.HashOf(alg) is not { } hash)
        {
            return false;
        }

        try
        {
            if (_rsa is { } rsaParameters)
            {
                using var rsa = RSA.Create(rsaParameters);
                var padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                return rsa.VerifyData(data, signature, hash, padding);
            }

            // JWS ECDSA signatures are r||s (IEEE P1363), which is .NET's default format.
            using var ecdsa = ECDsa.Create(_ec!.Value);
            return ecdsa.VerifyData(data, signature, hash);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The RFC 7638 JWK SHA-256 thumbprint, base64url: what a DPoP-bound token is bound to.</summary>
    public string Thumbprint()
    {
        // Required members only, in lexicographic order, no whitespace (RFC 7638 §3.2).
        var canonical = _rsa is { } rsa
            ? $$"""{"e":"{{Encode(rsa.Exponent!)}}","kty":"RSA","n":"{{Encode(rsa.Modulus!)}}"}"""
            : $$"""{"crv":"{{Curve}}","kty":"EC","x":"{{Encode(_ec!.Value.Q.X!)}}","y":"{{Encode(_ec.Value.Q.Y!)}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The public JWK as the admin endpoints list it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["kty"] = Kty };
        if (_rsa is { } rsa)
        {
            json["n"] = Encode(rsa.Modulus!);
            json["e"] = Encode(rsa.Exponent!);
        }
        else
        {
            json["crv"] = Curve;
            json["x"] = Encode(_ec!.Value.Q.X!);
            json["y"] = Encode(_ec.Value.Q.Y!);
        }

        if (Kid is not null)
        {
            json["kid"] = Kid;
        }

        if (Alg is not null)
        {
            json["alg"] = Alg;
        }

        json["thumbprint"] = Thumbprint();
        return json;
    }

    private static (PublicJwk?, string?) ParseRsa(JsonObject json, string? kid, string? alg)
    {
        if (alg is not null && !JwsAlgorithms.IsRsa(alg))
        {
            return (null, $"the JWK 'alg' '{alg}' does not fit an RSA key");
        }

        var modulus = DecodeMember(json, "n");
        var exponent = DecodeMember(json, "e");
        if (modulus is null || exponent is null)
        {
            return (null, "an RSA JWK needs base64url 'n' and 'e'");
        }

        // Leading zero octets are not allowed in JWK integers (RFC 7518 §6.3.1); tolerate them, thumbprint without them.
        modulus = TrimLeadingZeros(modulus);
        exponent = TrimLeadingZeros(exponent);
        if (modulus.Length * 8 < MinimumRsaBits)
        {
            return (null, $"the RSA key has {modulus.Length * 8} bits; at least {MinimumRsaBits} are required");
        }

        var parameters = new RSAParameters { Modulus = modulus, Exponent = exponent };
        try
        {
            using var check = RSA.Create(parameters);
        }
        catch (CryptographicException)
        {
            return (null, "the RSA 'n'/'e' do not form a valid public key");
        }

        return (new PublicJwk(kid, alg, parameters), null);
    }

    private static (PublicJwk?, string?) ParseEc(JsonObject json, string? kid, string? alg)
    {
        var curveName = CompactJws.StringMember(json, "crv");
        var (curve, size) = curveName switch
        {
            "P-256" => (ECCurve.NamedCurves.nistP256, 32),
            "P-384" => (ECCurve.NamedCurves.nistP384, 48),
            "P-521" => (ECCurve.NamedCurves.nistP521, 66),
            _ => (default(ECCurve), 0),
        };
        if (size == 0)
        {
            return (null, $"the EC JWK 'crv' must be P-256, P-384 or P-521 (it is '{curveName}')");
        }

        if (alg is not null && JwsAlgorithms.CurveOf(alg) != curveName)
        {
            return (null, $"the JWK 'alg' '{alg}' does not fit a {curveName} key");
        }

        var x = DecodeMember(json, "x");
        var y = DecodeMember(json, "y");
        if (x is null || y is null || x.Length != size || y.Length != size)
        {
            return (null, $"an EC {curveName} JWK needs base64url 'x' and 'y' of {size} bytes each");
        }

        var parameters = new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } };
        try
        {
            // Import checks that the point is on the curve.
            using var check = ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            return (null, "the EC 'x'/'y' are not a point on the curve");
        }

        return (new PublicJwk(kid, alg, curveName!, parameters), null);
    }

    private static string? CurveName(ECCurve curve) => curve.Oid?.FriendlyName switch
    {
        "nistP256" or "ECDSA_P256" => "P-256",
        "nistP384" or "ECDSA_P384" => "P-384",
        "nistP521" or "ECDSA_P521" => "P-521",
        _ => curve.Oid?.Value switch
        {
            "1.2.840.10045.3.1.7" => "P-256",
            "1.3.132.0.34" => "P-384",
            "1.3.132.0.35" => "P-521",
            _ => null,
        },
    };

    private static byte[]? DecodeMember(JsonObject json, string name) =>
        CompactJws.StringMember(json, name) is { Length: > 0 } text ? CompactJws.TryDecode(text) : null;

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return start == 0 ? value : value[start..];
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
