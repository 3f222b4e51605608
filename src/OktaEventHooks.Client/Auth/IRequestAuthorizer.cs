using System;
using System.Collections.Generic;

namespace OktaEventHooks.Client.Auth;

/// <summary>
/// Supplies the credentials of each API request. It sends nothing itself: when it needs an access token it says so
/// (<see cref="NeedsToken"/>) and makes a <see cref="TokenRequest"/>, which the transport sends as the first step of a call (see
/// <see cref="CredentialsStep"/>), and it reads the answer.
/// </summary>
public interface IRequestAuthorizer
{
    /// <summary>The auth mode shown to users (SSWS, Bearer, PrivateKey, PrivateKey+DPoP).</summary>
    string Mode { get; }

    /// <summary>True when the next API request needs a new access token first (none yet, or one due for renewal); never for an API token.</summary>
    bool NeedsToken { get; }

    /// <summary>A new request for an access token to <paramref name="tokenUrl"/>, the org's token endpoint.</summary>
    TokenRequest NewTokenRequest(Uri tokenUrl);

    /// <summary>
    /// Reads the token endpoint's answer to <paramref name="request"/>: null when it granted a token, the request to send
    /// next when the org asked for a DPoP nonce. Throws <c>OktaApiException</c> when Okta refused.
    /// </summary>
    TokenRequest? TakeTokenAnswer(TokenRequest request, TokenEndpointResponse answer);

    /// <summary>
    /// The headers of one request, with the token in hand; null when there is none (it was dropped after a 401 since
    /// it was got). Callers must never log or display them.
    /// </summary>
    RequestCredentials? Credentials(string method, Uri url);

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

/// <summary>One request to the org's token endpoint: a form (with its client assertion) and a DPoP proof, sent without an Authorization header.</summary>
public sealed class TokenRequest
{
    public TokenRequest(Uri url, string form, string? dpopProof, int round)
    {
        Url = url;
        Form = form;
        DpopProof = dpopProof;
        Round = round;
        CreatedAt = DateTimeOffset.UtcNow;
    }

    public Uri Url { get; }

    /// <summary>The form body, <c>application/x-www-form-urlencoded</c>.</summary>
    public string Form { get; }

    public string? DpopProof { get; }

    /// <summary>1 for the first request of a renewal, 2 and 3 for a request sent again with a DPoP nonce the org asked for.</summary>
    public int Round { get; }

    /// <summary>When it was made: a token's lifetime is counted from here, so it is renewed early rather than late.</summary>
    public DateTimeOffset CreatedAt { get; }

    public override string ToString() => "POST " + Url.AbsolutePath + " ***";
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

    /// <summary>How many requests the call had sent when this answer came, retries included.</summary>
    public int Attempts { get; set; } = 1;
}
