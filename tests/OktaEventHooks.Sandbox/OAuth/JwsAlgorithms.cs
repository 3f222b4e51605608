using System.Security.Cryptography;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>The asymmetric JWS algorithms the org authorization server understands.</summary>
internal static class JwsAlgorithms
{
    /// <summary>What Okta documents for private_key_jwt client assertions.</summary>
    public static readonly IReadOnlyList<string> ClientAssertion = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"];

    /// <summary>DPoP only demands an asymmetric algorithm (RFC 9449 §4.2); RSA-PSS is accepted there too.</summary>
    public static readonly IReadOnlyList<string> DpopProof = [.. ClientAssertion, "PS256", "PS384", "PS512"];

    public static bool IsAsymmetric(string alg) => DpopProof.Contains(alg);

    public static bool IsRsa(string alg) => alg.StartsWith("RS", StringComparison.Ordinal) || alg.StartsWith("PS", StringComparison.Ordinal);

    /// <summary>The one curve an ES algorithm is defined on (RFC 7518 §3.4); null for other algorithms.</summary>
    public static string? CurveOf(string alg) => alg switch
    {
        "ES256" => "P-256",
        "ES384" => "P-384",
        "ES512" => "P-521",
        _ => null,
    };

    public static HashAlgorithmName? HashOf(string alg) => IsAsymmetric(alg)
        ? alg[2..] switch
        {
            "256" => HashAlgorithmName.SHA256,
            "384" => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        }
        : null;
}
