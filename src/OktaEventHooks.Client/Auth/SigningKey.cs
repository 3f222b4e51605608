using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace OktaEventHooks.Client.Auth;

/// <summary>
/// A private key that signs JWTs (RSA or EC), read from a PEM file (PKCS#1, PKCS#8 or SEC1) or a JWK.
/// Errors say what is wrong with the key, never what the key is.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly AsymmetricAlgorithm _algorithm;

    private SigningKey(AsymmetricAlgorithm algorithm, string jwsAlgorithm, string? keyId)
    {
        _algorithm = algorithm;
        JwsAlgorithm = jwsAlgorithm;
        KeyId = keyId;
        SecurityKey = algorithm is RSA rsa ? new RsaSecurityKey(rsa) { KeyId = keyId } : new ECDsaSecurityKey((ECDsa)algorithm) { KeyId = keyId };

        // IdentityModel caches signature providers process-wide by key thumbprint; a cached provider would outlive this
        // key's disposal and break the next connection made with the same key.
        SecurityKey.CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false };
    }

    /// <summary>RS256, ES256, ES384 or ES512.</summary>
    public string JwsAlgorithm { get; }

    /// <summary>The <c>kid</c> of the key registered with Okta, when known.</summary>
    public string? KeyId { get; }

    internal SecurityKey SecurityKey { get; }

    internal SigningCredentials Credentials => new SigningCredentials(SecurityKey, JwsAlgorithm);

    /// <summary>Reads a key from a PEM or JWK text; <paramref name="keyId"/> overrides a JWK's own kid.</summary>
    public static SigningKey Parse(string text, string? keyId)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The private key is empty.");
        }

        var trimmed = text.Trim();
        return trimmed.StartsWith("{", StringComparison.Ordinal) ? FromJwk(trimmed, keyId) : FromPem(trimmed, keyId);
    }

    /// <summary>A fresh P-256 key for DPoP proofs, kept in memory for the life of one connection.</summary>
    public static SigningKey NewDpopKey() => new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), "ES256", null);

    /// <summary>The public half as a JWK object, for the <c>jwk</c> header of a DPoP proof.</summary>
    public IDictionary<string, object> PublicJwk()
    {
        if (_algorithm is RSA rsa)
        {
            var p = rsa.ExportParameters(false);
            return new Dictionary<string, object> { ["kty"] = "RSA", ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent) };
        }

        var ec = ((ECDsa)_algorithm).ExportParameters(false);
        return new Dictionary<string, object>
        {
            ["kty"] = "EC",
            ["crv"] = JwsAlgorithm == "ES384" ? "P-384" : JwsAlgorithm == "ES512" ? "P-521" : "P-256",
            ["x"] = Base64UrlEncoder.Encode(ec.Q.X),
            ["y"] = Base64UrlEncoder.Encode(ec.Q.Y),
        };
    }

    private static SigningKey FromPem(string pem, string? keyId)
    {
        if (!pem.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            throw new ArgumentException("The private key is neither PEM ('-----BEGIN ... PRIVATE KEY-----') nor a JWK ('{ \"kty\": ... }').");
        }

        if (pem.IndexOf("ENCRYPTED", StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("The PEM private key is encrypted; give an unencrypted PKCS#8, PKCS#1 or SEC1 key.");
        }

        object? read;
        try
        {
            using var reader = new StringReader(pem);
            read = new Org.BouncyCastle.OpenSsl.PemReader(reader).ReadObject();
        }
        catch (Exception ex) when (!(ex is OutOfMemoryException))
        {
            throw new ArgumentException("The PEM text is not a readable private key (" + ex.GetType().Name + ").");
        }

        var key = read is AsymmetricCipherKeyPair pair ? pair.Private : read as AsymmetricKeyParameter;
        if (key == null || !key.IsPrivate)
        {
            throw new ArgumentException("The PEM holds no private key (a public key or certificate cannot sign).");
        }

        switch (key)
        {
            case RsaPrivateCrtKeyParameters rsaKey:
                var rsa = RSA.Create();
                rsa.ImportParameters(DotNetUtilities.ToRSAParameters(rsaKey));
                return new SigningKey(rsa, "RS256", keyId);
            case ECPrivateKeyParameters ecKey:
                return FromEc(ecKey, keyId);
            default:
                throw new ArgumentException("The PEM key is neither RSA nor EC; Okta accepts RS256/384/512 and ES256/384/512 keys.");
        }
    }

    private static SigningKey FromEc(ECPrivateKeyParameters key, string? keyId)
    {
        // Judged by the curve itself, not its size: secp256k1 and brainpoolP256r1 are 256-bit curves Okta does not take.
        var (curve, alg, size) =
            SameCurve(key, "P-256") ? (ECCurve.NamedCurves.nistP256, "ES256", 32)
            : SameCurve(key, "P-384") ? (ECCurve.NamedCurves.nistP384, "ES384", 48)
            : SameCurve(key, "P-521") ? (ECCurve.NamedCurves.nistP521, "ES512", 66)
            : throw new ArgumentException("The EC key is not on P-256, P-384 or P-521.");
        var q = key.Parameters.G.Multiply(key.D).Normalize();
        var ec = ECDsa.Create(new ECParameters
        {
            Curve = curve,
            D = Pad(key.D.ToByteArrayUnsigned(), size),
            Q = new ECPoint { X = Pad(q.AffineXCoord.GetEncoded(), size), Y = Pad(q.AffineYCoord.GetEncoded(), size) },
        });
        return new SigningKey(ec, alg, keyId);
    }

    private static bool SameCurve(ECPrivateKeyParameters key, string nistName)
    {
        var named = Org.BouncyCastle.Asn1.Nist.NistNamedCurves.GetByName(nistName);
        return key.Parameters.Curve.Equals(named.Curve) && key.Parameters.G.Equals(named.G);
    }

    private static SigningKey FromJwk(string json, string? keyId)
    {
        JObject jwk;
        try
        {
            jwk = JObject.Parse(json);
        }
        catch (JsonException)
        {
            throw new ArgumentException("The private key looks like JSON but is not valid JSON.");
        }

        // Okta's Admin Console hands out a single JWK; a JWKS with one key is accepted too.
        if (jwk["keys"] is JArray keys)
        {
            jwk = keys.Count == 1 && keys[0] is JObject only ? only : throw new ArgumentException("The JWKS must hold exactly one key.");
        }

        var kid = keyId ?? (string?)jwk["kid"];
        var kty = (string?)jwk["kty"];
        if (jwk["d"] == null)
        {
            throw new ArgumentException("The JWK is a public key (it has no 'd'); give the private JWK.");
        }

        try
        {
            switch (kty)
            {
                case "RSA":
                    var rsa = RSA.Create();
                    rsa.ImportParameters(new RSAParameters
                    {
                        Modulus = Field(jwk, "n"),
                        Exponent = Field(jwk, "e"),
                        D = Field(jwk, "d"),
                        P = Field(jwk, "p"),
                        Q = Field(jwk, "q"),
                        DP = Field(jwk, "dp"),
                        DQ = Field(jwk, "dq"),
                        InverseQ = Field(jwk, "qi"),
                    });
                    return new SigningKey(rsa, "RS256", kid);
                case "EC":
                    var (curve, alg) = (string?)jwk["crv"] switch
                    {
                        "P-256" => (ECCurve.NamedCurves.nistP256, "ES256"),
                        "P-384" => (ECCurve.NamedCurves.nistP384, "ES384"),
                        "P-521" => (ECCurve.NamedCurves.nistP521, "ES512"),
                        _ => throw new ArgumentException("The EC JWK's 'crv' must be P-256, P-384 or P-521."),
                    };
                    var ec = ECDsa.Create(new ECParameters
                    {
                        Curve = curve,
                        D = Field(jwk, "d"),
                        Q = new ECPoint { X = Field(jwk, "x"), Y = Field(jwk, "y") },
                    });
                    return new SigningKey(ec, alg, kid);
                default:
                    throw new ArgumentException("The JWK's 'kty' must be RSA or EC.");
            }
        }
        catch (CryptographicException)
        {
            throw new ArgumentException("The JWK's numbers do not make a valid " + kty + " private key.");
        }
    }

    private static byte[] Field(JObject jwk, string name)
    {
        var value = jwk[name] is JValue token && token.Type == JTokenType.String ? (string?)token : null;
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The JWK has no '{name}'.");
        }

        // Decoded here, not by the token library, whose message would not name the field (and could quote it).
        var text = value!.Replace('-', '+').Replace('_', '/');
        if (text.Any(c => !(char.IsLetterOrDigit(c) && c < 128) && c != '+' && c != '/') || text.Length % 4 == 1)
        {
            throw new ArgumentException($"The JWK's '{name}' is not base64url (its value is not shown).");
        }

        try
        {
            return Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            throw new ArgumentException($"The JWK's '{name}' is not base64url (its value is not shown).");
        }
    }

    private static byte[] Pad(byte[] value, int size)
    {
        if (value.Length >= size)
        {
            return value;
        }

        var padded = new byte[size];
        Buffer.BlockCopy(value, 0, padded, size - value.Length, value.Length);
        return padded;
    }

    public void Dispose() => _algorithm.Dispose();

    public override string ToString() => JwsAlgorithm + " key" + (KeyId == null ? string.Empty : " " + KeyId);
}
