using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Api;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// OAuth-shaped error answers (<c>{"error": "…", "error_description": "…"}</c>, RFC 6749 §5.2), used by the
/// token endpoint and for DPoP proof failures on API calls; and the <c>WWW-Authenticate</c> challenges that
/// accompany Okta-shaped 401/403 answers to access tokens.
/// </summary>
internal static class OAuthErrors
{
    public const string InvalidClient = "invalid_client";
    public const string InvalidRequest = "invalid_request";
    public const string InvalidScope = "invalid_scope";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidDpopProof = "invalid_dpop_proof";
    public const string UseDpopNonce = "use_dpop_nonce";

    public const string AssertionAlreadyUsed = "The client_assertion token has already been used. (client_assertion_already_used)";
    public const string DpopProofMissing = "The DPoP proof JWT header is missing.";
    public const string NonceRequired = "Authorization server requires nonce in DPoP proof.";
    public const string TokenInvalid = "The access token is invalid.";
    public const string TokenExpired = "The access token has expired.";
    public const string TokenIsDpopBound = "The access token is DPoP bound; use the DPoP scheme.";
    public const string TokenIsNotDpopBound = "The access token is not DPoP bound; use the Bearer scheme.";
    public const string ScopeMissing = OktaAssumptions.ScopeMissingText;

    public static HeaderedResult Client(string description) => Error(401, InvalidClient, description);

    public static HeaderedResult Request(string description) => Error(400, InvalidRequest, description);

    public static HeaderedResult Scope(string description) => Error(400, InvalidScope, description);

    public static HeaderedResult GrantType(string description) => Error(400, UnsupportedGrantType, description);

    /// <summary>A DPoP proof that is missing or wrong. The challenge header helps RFC 9449 clients; Okta's status is 400.</summary>
    public static HeaderedResult DpopProof(string description) =>
        Error(400, InvalidDpopProof, description)
            .With("WWW-Authenticate", Challenge("DPoP", InvalidDpopProof, description));

    /// <summary>Asks for a retry with the server's nonce (RFC 9449 §8).</summary>
    public static HeaderedResult NonceNeeded(string nonce, string description) =>
        Error(400, UseDpopNonce, description).With("DPoP-Nonce", nonce);

    /// <summary>An access token Okta does not accept: E0000011 plus the OAuth challenge for the scheme used.</summary>
    public static HeaderedResult InvalidAccessToken(string scheme, string description) =>
        new HeaderedResult(OktaErrors.InvalidToken()).With("WWW-Authenticate", Challenge(scheme, "invalid_token", description));

    /// <summary>A valid token without the scope the operation needs: E0000006 plus the insufficient_scope challenge.</summary>
    public static HeaderedResult InsufficientScope(string scheme) =>
        new HeaderedResult(OktaErrors.InsufficientScope()).With("WWW-Authenticate", Challenge(scheme, "insufficient_scope", ScopeMissing));

    public static string Challenge(string scheme, string error, string description) =>
        $"{scheme} error=\"{error}\", error_description=\"{description.Replace("\"", "'", StringComparison.Ordinal)}\"";

    private static HeaderedResult Error(int status, string error, string description) =>
        new(new OktaJsonResult(status, new JsonObject { ["error"] = error, ["error_description"] = description }));
}

/// <summary>An answer plus response headers set just before it is written.</summary>
internal sealed class HeaderedResult(IResult inner) : IResult
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public HeaderedResult With(string name, string value)
    {
        _headers.Add(new(name, value));
        return this;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var (name, value) in _headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return inner.ExecuteAsync(httpContext);
    }
}
