using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.SystemLog;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// Checks an access token from the token endpoint on an /api/v1 call: known, not expired, its client not revoked,
/// presented with the right scheme (DPoP-bound tokens only as <c>DPoP</c>, with a fresh proof by the bound key),
/// and carrying a scope that allows the operation. Errors keep Okta's E-code shape plus an OAuth challenge header,
/// except DPoP proof failures, which Okta answers in the OAuth shape.
/// </summary>
internal sealed class AccessTokenAuthenticator(OAuthState oauth, SandboxState state)
{
    public const string BearerScheme = "Bearer";
    public const string DpopScheme = "DPoP";

    /// <summary>Null when the call may go ahead; otherwise the answer to send.</summary>
    public IResult? Authenticate(HttpContext context, string scheme, string token)
    {
        var now = DateTimeOffset.UtcNow;
        if (token.Length == 0 || oauth.Tokens.Find(token) is not { } grant)
        {
            return OAuthErrors.InvalidAccessToken(scheme, OAuthErrors.TokenInvalid);
        }

        RequestCaller.SetClientId(context, grant.ClientId);
        if (oauth.Clients.Find(grant.ClientId) is not { Revoked: false })
        {
            return OAuthErrors.InvalidAccessToken(scheme, OAuthErrors.TokenInvalid);
        }

        if (grant.ExpiresAt <= now)
        {
            return OAuthErrors.InvalidAccessToken(scheme, OAuthErrors.TokenExpired);
        }

        if (grant.IsDpopBound && scheme == BearerScheme)
        {
            return OAuthErrors.InvalidAccessToken(DpopScheme, OAuthErrors.TokenIsDpopBound);
        }

        if (!grant.IsDpopBound && scheme == DpopScheme)
        {
            return OAuthErrors.InvalidAccessToken(BearerScheme, OAuthErrors.TokenIsNotDpopBound);
        }

        if (grant.IsDpopBound && CheckProof(context.Request, grant, token, now) is { } proofProblem)
        {
            return OAuthErrors.DpopProof(proofProblem);
        }

        // The System Log has its own scope; the event-hook scopes do not cover it.
        if (SystemLogEndpoints.IsLogsPath(context.Request.Path))
        {
            return grant.Scopes.Contains(SystemLogEndpoints.ReadScope) ? null : OAuthErrors.InsufficientScope(scheme);
        }

        return Allows(grant, context.Request.Method) ? null : OAuthErrors.InsufficientScope(scheme);
    }

    /// <summary>Reads need the read or the manage scope; anything that changes the org needs manage.</summary>
    private static bool Allows(AccessTokenGrant grant, string method) =>
        grant.Scopes.Contains(OAuthClient.ManageScope)
        || ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && grant.Scopes.Contains(OAuthClient.ReadScope));

    /// <summary>The resource-request proof checks of RFC 9449 §7.1; null when the proof is good. No nonce is required.</summary>
    private string? CheckProof(HttpRequest request, AccessTokenGrant grant, string token, DateTimeOffset now)
    {
        var (text, missing) = DpopProofValidator.ReadHeader(request);
        if (text is null)
        {
            return missing;
        }

        var url = state.BaseAddress + request.PathBase.ToUriComponent() + request.Path.ToUriComponent();
        var (proof, problem) = DpopProofValidator.Validate(text, request.Method, url, now);
        if (proof is null)
        {
            return problem;
        }

        if (proof.Thumbprint != grant.DpopThumbprint)
        {
            return "The DPoP proof key does not match the key the access token is bound to.";
        }

        if (proof.AccessTokenHash is null)
        {
            return "The DPoP proof 'ath' claim is missing.";
        }

        if (proof.AccessTokenHash != DpopProofValidator.AccessTokenHash(token))
        {
            return "The DPoP proof 'ath' claim does not match the access token.";
        }

        // Last, so a proof refused for another reason is not burnt.
        return oauth.ProofJtis.TryUse(proof.Jti, DpopProofValidator.KeepJtiUntil(proof), now)
            ? null
            : "The DPoP proof has already been used ('jti' replay).";
    }
}
