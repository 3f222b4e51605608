using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Client.Auth;

/// <summary>Supplies the credentials of each API request.</summary>
public interface IRequestAuthorizer
{
    /// <summary>The auth mode shown to users (SSWS, Bearer, PrivateKey, PrivateKey+DPoP).</summary>
    string Mode { get; }

    /// <summary>The headers for one request. Callers must never log or display them.</summary>
    Task<RequestCredentials> AuthorizeAsync(string method, Uri url, ITokenEndpoint tokenEndpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Okta refused a request's credentials (401 invalid_token, or a DPoP nonce challenge). True when one
    /// new attempt with fresh credentials may succeed (a renewed token, a proof with the new nonce).
    /// </summary>
    bool ShouldRetryAfterChallenge(int status, string? wwwAuthenticate, string? dpopNonce);

    /// <summary>The secrets a server could echo back (the token in use), so that no message ever repeats them.</summary>
    IEnumerable<string> KnownSecrets { get; }
}

/// <summary>The credential headers of one request.</summary>
public sealed class RequestCredentials
{
    public RequestCredentials(string authorization, string? dpopProof = null)
    {
        Authorization = authorization;
        DpopProof = dpopProof;
    }

    public string Authorization { get; }
    public string? DpopProof { get; }

    public override string ToString() => "***";
}

/// <summary>The org authorization server's token endpoint, reached through the one HTTP transport.</summary>
public interface ITokenEndpoint
{
    /// <summary>The token endpoint's URL, the <c>aud</c> of client assertions and <c>htu</c> of DPoP proofs.</summary>
    Uri TokenUrl { get; }

    Task<TokenEndpointResponse> PostAsync(string form, string? dpopProof, CancellationToken cancellationToken);
}

/// <summary>What the token endpoint answered.</summary>
public sealed class TokenEndpointResponse
{
    public TokenEndpointResponse(int status, string? content, string? dpopNonce, string? requestId)
    {
        Status = status;
        Content = content;
        DpopNonce = dpopNonce;
        RequestId = requestId;
    }

    public int Status { get; }
    public string? Content { get; }
    public string? DpopNonce { get; }
    public string? RequestId { get; }

    /// <summary>How many requests the token endpoint got for this answer, retries included.</summary>
    public int Attempts { get; set; } = 1;
}
