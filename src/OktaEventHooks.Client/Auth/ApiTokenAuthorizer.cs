using System.Collections.Generic;
using System;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.Auth;

/// <summary>An Okta API token (<c>Authorization: SSWS {token}</c>) or an access token got elsewhere (<c>Bearer</c>).</summary>
public sealed class ApiTokenAuthorizer : IRequestAuthorizer
{
    private readonly RequestCredentials _credentials;

    public ApiTokenAuthorizer(string apiToken, string scheme = "SSWS")
    {
        // The message never repeats the token.
        var problem = EventHookRules.SecretProblem(apiToken);
        if (problem != null)
        {
            throw new ArgumentException(problem.Replace("The secret", "The token"), nameof(apiToken));
        }

        Mode = scheme;
        _credentials = new RequestCredentials(scheme + " " + apiToken.Trim());
    }

    public string Mode { get; }

    /// <summary>An API token needs no access token: never a token request.</summary>
    public bool NeedsToken => false;

    public TokenRequest NewTokenRequest(Uri tokenUrl) =>
        throw new InvalidOperationException("An API token connection sends no token requests.");

    public TokenRequest? TakeTokenAnswer(TokenRequest request, TokenEndpointResponse answer) =>
        throw new InvalidOperationException("An API token connection sends no token requests.");

    public RequestCredentials Credentials(string method, Uri url) => _credentials;

    public IEnumerable<string> KnownSecrets => new[] { _credentials.Authorization };

    public bool ShouldRetryAfterChallenge(int status, string? wwwAuthenticate, string? dpopNonce) => false;

    // Keep the token out of any accidental string conversion.
    public override string ToString() => Mode + " ***";
}
