using System;
using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Client
{
    /// <summary>Okta API token: <c>Authorization: SSWS {token}</c>.</summary>
    public sealed class ApiTokenAuthorizer : IRequestAuthorizer
    {
        private readonly string headerValue;

        public ApiTokenAuthorizer(string apiToken)
        {
            if (string.IsNullOrWhiteSpace(apiToken))
            {
                throw new ArgumentException("The API token is empty.", nameof(apiToken));
            }

            headerValue = "SSWS " + apiToken.Trim();
        }

        public string Mode => "SSWS";

        public Task<string> GetAuthorizationAsync(CancellationToken cancellationToken) => Task.FromResult(headerValue);

        // Keep the token out of any accidental string conversion.
        public override string ToString() => "SSWS ***";
    }
}
