using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using OktaEventHooks.Sandbox.Api;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// <c>POST /oauth2/v1/token</c> of the org authorization server: the client-credentials grant with private_key_jwt
/// client authentication and optional DPoP (RFC 9449), as Okta issues tokens for its own APIs. Request id, faults
/// and the request log come from <see cref="OktaApiMiddleware"/>; the /api/v1 rate-limit bucket does not apply
/// (Okta counts the token endpoint in a bucket of its own).
/// </summary>
internal static class TokenEndpoint
{
    public const string Path = "/oauth2/v1/token";
    public const string ClientCredentials = "client_credentials";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost(Path, Handle);

    /// <summary>
    /// A form body (or query) as the log may show it: the values of client_assertion and client_secret replaced by
    /// <c>***</c>. Names are decoded before comparing, so <c>client%5Fassertion</c> cannot slip through.
    /// </summary>
    public static string? RedactForLog(string? form)
    {
        if (string.IsNullOrEmpty(form))
        {
            return form;
        }

        var pairs = form.Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? pairs[i] : pairs[i][..equals];
            var name = Uri.UnescapeDataString(rawName.Replace('+', ' '));
            if (name is "client_assertion" or "client_secret")
            {
                pairs[i] = rawName + "=***";
            }
        }

        return string.Join('&', pairs);
    }

    private static async Task<IResult> Handle(HttpContext context, OAuthState oauth, SandboxState state)
    {
        // Token answers must never be cached (RFC 6749 §5.1), errors included.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        var now = DateTimeOffset.UtcNow;
        var tokenUrl = state.BaseAddress + Path;

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthErrors.Request("The token request must be sent as application/x-www-form-urlencoded.");
        }

        var form = await new FormReader(RequestBody.Get(context) ?? string.Empty).ReadFormAsync(context.RequestAborted);
        if (form.FirstOrDefault(p => p.Value.Count > 1) is { Key: { } repeated })
        {
            return OAuthErrors.Request($"The '{repeated}' parameter is repeated.");
        }

        string? Parameter(string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

        var grantType = Parameter("grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return OAuthErrors.Request("The 'grant_type' parameter is required.");
        }

        if (grantType != ClientCredentials)
        {
            return OAuthErrors.GrantType($"The authorization grant type '{grantType}' is not supported by the authorization server. Configured grant types: [client_credentials].");
        }

        if (Parameter("client_secret") is not null)
        {
            return OAuthErrors.Client("Client authentication with a client secret is not allowed for Okta-scoped tokens; use private_key_jwt.");
        }

        var (client, authError, claimedClient) = ClientAssertionValidator.Authenticate(
            Parameter("client_assertion_type"), Parameter("client_assertion"), Parameter("client_id"), tokenUrl, oauth, now);
        RequestCaller.SetClientId(context, claimedClient);
        if (client is null)
        {
            return authError!;
        }

        var requested = (Parameter("scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (requested.Count == 0)
        {
            return OAuthErrors.Scope("The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
        }

        if (requested.Where(s => !client.Scopes.Contains(s)).ToList() is { Count: > 0 } notGranted)
        {
            return OAuthErrors.Scope($"The following scopes were requested but are not granted to client '{client.ClientId}': {string.Join(" ", notGranted)}.");
        }

        // Okta's SDKs always send a proof and look at token_type: a client that does not require DPoP gets Bearer.
        string? binding = null;
        if (client.RequireDpop)
        {
            var (proof, dpopError) = CheckProof(context.Request, client, tokenUrl, oauth, now);
            if (proof is null)
            {
                return dpopError!;
            }

            binding = proof.Thumbprint;
        }

        var grant = new AccessTokenGrant(client.ClientId, requested, now.AddSeconds(client.TokenLifetimeSeconds), binding);
        var token = oauth.Tokens.Issue(grant, now);
        return new OktaJsonResult(200, new JsonObject
        {
            ["token_type"] = grant.IsDpopBound ? "DPoP" : "Bearer",
            ["expires_in"] = client.TokenLifetimeSeconds,
            ["access_token"] = token,
            ["scope"] = string.Join(" ", requested),
        });
    }

    /// <summary>The DPoP nonce dance: a valid proof without (or with a stale) server nonce is sent back for one.</summary>
    private static (DpopProof? Proof, IResult? Error) CheckProof(HttpRequest request, OAuthClient client, string tokenUrl, OAuthState oauth, DateTimeOffset now)
    {
        var (text, missing) = DpopProofValidator.ReadHeader(request);
        if (text is null)
        {
            return (null, OAuthErrors.DpopProof(missing!));
        }

        var (proof, problem) = DpopProofValidator.Validate(text, HttpMethods.Post, tokenUrl, now);
        if (proof is null)
        {
            return (null, OAuthErrors.DpopProof(problem!));
        }

        // Okta's DPoP guide: the proof key pair must differ from the client-assertion key pair.
        if (client.Keys.Any(k => k.Thumbprint() == proof.Thumbprint))
        {
            return (null, OAuthErrors.DpopProof("The DPoP proof must be signed with a key other than the client's client_assertion key."));
        }

        // Consumed before the nonce check: the retry after use_dpop_nonce must be a new proof with a new jti.
        if (!oauth.ProofJtis.TryUse(proof.Jti, DpopProofValidator.KeepJtiUntil(proof), now))
        {
            return (null, OAuthErrors.DpopProof("The DPoP proof has already been used ('jti' replay)."));
        }

        if (proof.Nonce is null)
        {
            return (null, OAuthErrors.NonceNeeded(oauth.Nonces.Issue(now), OAuthErrors.NonceRequired));
        }

        if (!oauth.Nonces.IsValid(proof.Nonce, now))
        {
            return (null, OAuthErrors.NonceNeeded(oauth.Nonces.Issue(now), "The DPoP proof 'nonce' is not one the authorization server issued, or it has expired."));
        }

        return (proof, null);
    }
}
