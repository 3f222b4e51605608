using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>A DPoP proof whose form, signature, method, URL and age have been checked (not yet its jti, nonce or ath).</summary>
internal sealed record DpopProof(string Jti, string Thumbprint, string? Nonce, string? AccessTokenHash, DateTimeOffset IssuedAt);

/// <summary>
/// Checks a DPoP proof JWT (RFC 9449 §4.3) against the request it came with. What depends on where the proof is
/// used (nonce at the token endpoint, <c>ath</c> and the token's key binding on API calls, jti replay) is left to
/// the caller, because the order of those checks differs between the two.
/// </summary>
internal static class DpopProofValidator
{
    public const string HeaderName = "DPoP";

    /// <summary>How far <c>iat</c> may be from the server's clock, either way.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>The proof's jti is remembered until its iat can no longer pass the age check.</summary>
    public static DateTimeOffset KeepJtiUntil(DpopProof proof) => proof.IssuedAt + MaxAge + TimeSpan.FromMinutes(1);

    /// <summary>The single DPoP header's value; a problem when there is none or more than one.</summary>
    public static (string? Proof, string? Problem) ReadHeader(HttpRequest request)
    {
        var values = request.Headers[HeaderName];
        return values.Count switch
        {
            0 => (null, OAuthErrors.DpopProofMissing),
            1 when !string.IsNullOrWhiteSpace(values[0]) => (values[0]!.Trim(), null),
            1 => (null, OAuthErrors.DpopProofMissing),
            _ => (null, "Only one DPoP proof JWT header may be sent."),
        };
    }

    /// <summary>The jti of whatever proof came with the request, valid or not, for the request log.</summary>
    public static string? PeekJti(HttpRequest request) =>
        request.Headers[HeaderName].Count == 1 && CompactJws.TryParse(request.Headers[HeaderName][0]?.Trim()) is { } jws
            ? CompactJws.StringMember(jws.Payload, "jti")
            : null;

    public static (DpopProof? Proof, string? Problem) Validate(string text, string method, string url, DateTimeOffset now)
    {
        if (CompactJws.TryParse(text) is not { } jws)
        {
            return Fail("The DPoP proof is not a well-formed JWT (compact JWS).");
        }

        if (CompactJws.StringMember(jws.Header, "typ") != "dpop+jwt")
        {
            return Fail("The DPoP proof JWT header 'typ' must be 'dpop+jwt'.");
        }

        if (jws.Algorithm is not { } alg || !JwsAlgorithms.DpopProof.Contains(alg))
        {
            return Fail($"The DPoP proof JWT algorithm '{jws.Algorithm}' is not supported; use one of {string.Join(", ", JwsAlgorithms.DpopProof)}.");
        }

        var (key, keyProblem) = PublicJwk.Parse(jws.Header["jwk"]);
        if (key is null)
        {
            return Fail($"The DPoP proof JWT header 'jwk' is missing or is not a public key: {keyProblem}.");
        }

        if (!key.Fits(alg) || !key.Verify(alg, jws.SigningInput, jws.Signature))
        {
            return Fail("The DPoP proof JWT signature is invalid (it must be signed by the key in its 'jwk' header).");
        }

        var claims = jws.Payload;
        if (CompactJws.StringMember(claims, "htm") != method)
        {
            return Fail($"The DPoP proof 'htm' claim must be '{method}'.");
        }

        if (!SameUrl(CompactJws.StringMember(claims, "htu"), url))
        {
            return Fail($"The DPoP proof 'htu' claim must be '{url}'.");
        }

        if (CompactJws.TimeMember(claims, "iat") is not { } issuedAt)
        {
            return Fail("The DPoP proof 'iat' claim is missing or not a number.");
        }

        if (issuedAt < now - MaxAge || issuedAt > now + MaxAge)
        {
            return Fail("The DPoP proof 'iat' is more than 5 minutes away from the server's time.");
        }

        if (CompactJws.StringMember(claims, "jti") is not { Length: > 0 } jti)
        {
            return Fail("The DPoP proof 'jti' claim is missing.");
        }

        return (new DpopProof(jti, key.Thumbprint(), CompactJws.StringMember(claims, "nonce"), CompactJws.StringMember(claims, "ath"), issuedAt), null);
    }

    /// <summary>The <c>ath</c> value for an access token: base64url(SHA-256(ASCII token)).</summary>
    public static string AccessTokenHash(string accessToken) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    /// <summary>
    /// Scheme, host, port and path must match; query and fragment of the claim are ignored (RFC 9449 §4.3 check 9).
    /// Default ports and the case of scheme and host are normalised by <see cref="Uri"/>.
    /// </summary>
    private static bool SameUrl(string? claimed, string expected)
    {
        const UriComponents Compared = UriComponents.SchemeAndServer | UriComponents.Path;
        return Uri.TryCreate(claimed, UriKind.Absolute, out var htu)
            && Uri.Compare(htu, new Uri(expected), Compared, UriFormat.UriEscaped, StringComparison.Ordinal) == 0;
    }

    private static (DpopProof?, string?) Fail(string problem) => (null, problem);
}
