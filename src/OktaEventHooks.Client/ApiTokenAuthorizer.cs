using System;
using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Client
{
    /// <summary>An Okta API token (<c>Authorization: SSWS {token}</c>) or an access token got elsewhere (<c>Bearer</c>).</summary>
    public sealed class ApiTokenAuthorizer : IRequestAuthorizer
    {
        private readonly RequestCredentials credentials;

        public ApiTokenAuthorizer(string apiToken, string scheme = "SSWS")
        {
            if (string.IsNullOrWhiteSpace(apiToken))
            {
                throw new ArgumentException("The token is empty.", nameof(apiToken));
            }

            Mode = scheme;
            credentials = new RequestCredentials(scheme + " " + apiToken.Trim());
        }

        /// <summary>An access token obtained elsewhere, sent as <c>Authorization: Bearer</c>.</summary>
        public static ApiTokenAuthorizer ForAccessToken(string accessToken) => new ApiTokenAuthorizer(accessToken, "Bearer");

        public string Mode { get; }

        public Task<RequestCredentials> AuthorizeAsync(string method, Uri url, ITokenEndpoint tokenEndpoint, CancellationToken cancellationToken) =>
            Task.FromResult(credentials);

        public bool ShouldRetryAfterChallenge(int status, string? wwwAuthenticate, string? dpopNonce) => false;

        // Keep the token out of any accidental string conversion.
        public override string ToString() => Mode + " ***";
    }
}
