using System;
using System.Collections.Generic;

namespace OktaEventHooks;

/// <summary>A connection to one Okta org. No property exposes a secret.</summary>
public sealed class OktaConnection
{
    private readonly Func<string> _authMode;
    private readonly Func<DateTime?> _tokenExpiresAt;
    private readonly Func<RateLimitHeadroom?> _rateLimit;

    internal OktaConnection(
        Uri orgUrl,
        Func<string> authMode,
        string? clientId,
        IReadOnlyList<string> scopes,
        int timeoutSec,
        int maxRetries,
        int maxApiCapacity,
        Func<DateTime?> tokenExpiresAt,
        Func<RateLimitHeadroom?> rateLimit,
        object client)
    {
        OrgUrl = orgUrl;
        _authMode = authMode;
        ClientId = clientId;
        Scopes = scopes;
        TimeoutSec = timeoutSec;
        MaxRetries = maxRetries;
        MaxApiCapacity = maxApiCapacity;
        _tokenExpiresAt = tokenExpiresAt;
        _rateLimit = rateLimit;
        ClientHandle = client;
        ConnectedAt = DateTime.Now;
    }

    /// <summary>The org's base URL, e.g. https://contoso.okta.com.</summary>
    public Uri OrgUrl { get; }

    /// <summary>SSWS (API token), Bearer (access token), PrivateKey or PrivateKey+DPoP (OAuth client credentials).</summary>
    public string AuthMode => _authMode();

    /// <summary>The OAuth client id, for PrivateKey connections.</summary>
    public string? ClientId { get; }

    /// <summary>The OAuth scopes asked for, for PrivateKey connections.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>When the cached OAuth access token expires (local time); it is renewed before then.</summary>
    public DateTime? TokenExpiresAt => _tokenExpiresAt();

    /// <summary>What Okta's last answer said about the rate limit, or null before the first call.</summary>
    public RateLimitHeadroom? RateLimit => _rateLimit();

    public int TimeoutSec { get; }
    public int MaxRetries { get; }
    public int MaxApiCapacity { get; }
    public DateTime ConnectedAt { get; }

    /// <summary>The client that talks to this org. Internal so that nothing can serialise it.</summary>
    internal object ClientHandle { get; }

    public override string ToString() => OrgUrl.ToString();
}

/// <summary>Okta's rate-limit headers as last seen on a connection.</summary>
public sealed class RateLimitHeadroom
{
    public RateLimitHeadroom(int limit, int remaining, DateTime resetsAt)
    {
        Limit = limit;
        Remaining = remaining;
        ResetsAt = resetsAt;
    }

    public int Limit { get; }
    public int Remaining { get; }

    /// <summary>When the current window resets (local time).</summary>
    public DateTime ResetsAt { get; }

    public override string ToString() => $"{Remaining}/{Limit} until {ResetsAt:T}";
}
