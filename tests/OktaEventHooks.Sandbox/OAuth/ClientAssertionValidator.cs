namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// Authenticates a client by its private_key_jwt assertion (RFC 7523, as Okta's org authorization server does).
/// The signature is checked before any other claim is believed; the jti is consumed only once everything else
/// holds, so a refused assertion can be corrected and sent again, but an accepted one never twice.
/// </summary>
internal static class ClientAssertionValidator
{
    public const string JwtBearerType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Okta accepts assertions that expire at most an hour ahead; this much clock skew is tolerated on top.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    /// <summary>The authenticated client, or the error to answer. <c>Claimed</c> is the client the assertion names, for the log.</summary>
    public static (OAuthClient? Client, IResult? Error, string? Claimed) Authenticate(
        string? assertionType, string? assertion, string? clientIdParameter, string tokenUrl, OAuthState oauth, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(assertion))
        {
            return Fail(OAuthErrors.Client("Client authentication failed: send a private_key_jwt 'client_assertion' (the only method Okta accepts for Okta-scoped tokens)."));
        }

        if (assertionType != JwtBearerType)
        {
            return Fail(OAuthErrors.Request($"The 'client_assertion_type' must be '{JwtBearerType}'."));
        }

        if (CompactJws.TryParse(assertion) is not { } jws)
        {
            return Fail(OAuthErrors.Client("The client_assertion is not a well-formed JWT (compact JWS)."));
        }

        var claims = jws.Payload;
        var issuer = CompactJws.StringMember(claims, "iss");
        var subject = CompactJws.StringMember(claims, "sub");
        if (jws.Algorithm is not { } alg || !JwsAlgorithms.ClientAssertion.Contains(alg))
        {
            return Fail(OAuthErrors.Client($"The client_assertion algorithm '{jws.Algorithm}' is not supported; use one of {string.Join(", ", JwsAlgorithms.ClientAssertion)}."), issuer);
        }

        if (string.IsNullOrEmpty(issuer) || issuer != subject)
        {
            return Fail(OAuthErrors.Client("The client_assertion 'iss' and 'sub' claims must both be the client_id."), issuer);
        }

        if (clientIdParameter is not null && clientIdParameter != issuer)
        {
            return Fail(OAuthErrors.Client("The 'client_id' parameter does not match the client_assertion 'iss'."), issuer);
        }

        if (oauth.Clients.Find(issuer) is not { } client)
        {
            return Fail(OAuthErrors.Client($"Invalid value for 'client_id' parameter: no client '{issuer}' is registered."), issuer);
        }

        if (client.Revoked)
        {
            return Fail(OAuthErrors.Client($"The client '{issuer}' has been revoked."), issuer);
        }

        var kid = CompactJws.StringMember(jws.Header, "kid");
        var candidates = kid is null ? client.Keys : client.Keys.Where(k => k.Kid == kid).ToList();
        if (candidates.Count == 0)
        {
            return Fail(OAuthErrors.Client($"The client_assertion 'kid' '{kid}' matches no key registered for client '{issuer}'."), issuer);
        }

        if (!candidates.Any(k => k.Verify(alg, jws.SigningInput, jws.Signature)))
        {
            return Fail(OAuthErrors.Client($"The client_assertion signature is invalid: no {alg} key registered for client '{issuer}'{(kid is null ? string.Empty : $" with kid '{kid}'")} verifies it."), issuer);
        }

        if (!AudienceIs(claims, tokenUrl))
        {
            return Fail(OAuthErrors.Client($"The audience ('aud') of the client_assertion must be '{tokenUrl}'."), issuer);
        }

        if (CompactJws.TimeMember(claims, "exp") is not { } expires)
        {
            return Fail(OAuthErrors.Client("The client_assertion has no 'exp' claim."), issuer);
        }

        if (expires <= now)
        {
            return Fail(OAuthErrors.Client("The client_assertion token is expired."), issuer);
        }

        if (expires > now + MaxLifetime + ClockSkew)
        {
            return Fail(OAuthErrors.Client("The client_assertion 'exp' is more than one hour in the future."), issuer);
        }

        if (CompactJws.TimeMember(claims, "iat") is { } issued && issued > now + ClockSkew)
        {
            return Fail(OAuthErrors.Client("The client_assertion 'iat' is in the future."), issuer);
        }

        if (CompactJws.TimeMember(claims, "nbf") is { } notBefore && notBefore > now + ClockSkew)
        {
            return Fail(OAuthErrors.Client("The client_assertion is not valid yet ('nbf' is in the future)."), issuer);
        }

        if (CompactJws.StringMember(claims, "jti") is not { Length: > 0 } jti)
        {
            return Fail(OAuthErrors.Client("The client_assertion has no 'jti' claim; each assertion needs a unique one."), issuer);
        }

        if (!oauth.AssertionJtis.TryUse(issuer + " " + jti, expires + ClockSkew, now))
        {
            return Fail(OAuthErrors.Client(OAuthErrors.AssertionAlreadyUsed), issuer);
        }

        return (client, null, issuer);
    }

    // aud may be a string or an array of strings (RFC 7519 §4.1.3); one of them must be the token URL exactly.
    private static bool AudienceIs(System.Text.Json.Nodes.JsonObject claims, string tokenUrl) =>
        claims["aud"] switch
        {
            System.Text.Json.Nodes.JsonArray audiences => audiences.Any(a => a is System.Text.Json.Nodes.JsonValue v
                && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == tokenUrl),
            _ => CompactJws.StringMember(claims, "aud") == tokenUrl,
        };

    private static (OAuthClient?, IResult?, string?) Fail(IResult error, string? claimed = null) => (null, error, claimed);
}
