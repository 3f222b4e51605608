using System;
using OktaEventHooks.Client.Auth;

namespace OktaEventHooks.Client.Http;

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

    /// <summary>
    /// The largest answer read, after decompression: a System Log page of 1,000 records is a few MB. A larger answer is
    /// an error, never held in memory.
    /// </summary>
    public long MaxAnswerBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How many times a request is sent again after a 429 or, when safe to repeat, a transient fault.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The longest one call may spend waiting and retrying, all attempts together.</summary>
    public TimeSpan RetryDeadline { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The share (1-100 %) of each rate-limit bucket this connection may use; requests wait rather than exceed it.</summary>
    public int MaxApiCapacity { get; set; } = 100;

    /// <summary>First back-off after a transient fault; doubled per retry, with jitter.</summary>
    public TimeSpan TransientBackoff { get; set; } = TimeSpan.FromMilliseconds(400);

    public string UserAgent { get; set; } = "OktaEventHooks";

    /// <summary>The proxy to use; null means the system proxy.</summary>
    public System.Net.IWebProxy? Proxy { get; set; }
}
