using System;

namespace OktaEventHooks
{
    /// <summary>A connection to one Okta org. No property exposes a secret.</summary>
    public sealed class OktaConnection
    {
        internal OktaConnection(Uri orgUrl, string authMode, int timeoutSec, int maxRetries, object session)
        {
            OrgUrl = orgUrl;
            AuthMode = authMode;
            TimeoutSec = timeoutSec;
            MaxRetries = maxRetries;
            Session = session;
            ConnectedAt = DateTime.Now;
        }

        /// <summary>The org's base URL, e.g. https://contoso.okta.com.</summary>
        public Uri OrgUrl { get; }

        /// <summary>How requests are authorised: SSWS (API token).</summary>
        public string AuthMode { get; }

        public int TimeoutSec { get; }
        public int MaxRetries { get; }
        public DateTime ConnectedAt { get; }

        /// <summary>The client that talks to this org. Internal so that nothing can serialise it.</summary>
        internal object Session { get; }

        public override string ToString() => OrgUrl.ToString();
    }
}
