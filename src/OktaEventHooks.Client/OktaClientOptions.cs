using System;

namespace OktaEventHooks.Client
{
    /// <summary>How to reach one Okta org.</summary>
    public sealed class OktaClientOptions
    {
        public OktaClientOptions(Uri orgUrl, IRequestAuthorizer authorizer)
        {
            OrgUrl = orgUrl ?? throw new ArgumentNullException(nameof(orgUrl));
            Authorizer = authorizer ?? throw new ArgumentNullException(nameof(authorizer));
        }

        public Uri OrgUrl { get; }
        public IRequestAuthorizer Authorizer { get; }

        /// <summary>Per-request timeout.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How many times a rate-limited (429) request is sent again.</summary>
        public int MaxRetries { get; set; } = 2;

        /// <summary>The longest single wait for a rate-limit window to reset.</summary>
        public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(75);

        public string UserAgent { get; set; } = "OktaEventHooks";

        /// <summary>Receives one line per request and per retry (method, path, status, request id; never headers or bodies).</summary>
        public Action<string>? Trace { get; set; }
    }
}
