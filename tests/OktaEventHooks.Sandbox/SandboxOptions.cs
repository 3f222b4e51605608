namespace OktaEventHooks.Sandbox;

/// <summary>Settings for one sandbox org instance.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The SSWS API token clients must send; null generates a random one.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Requests allowed per window on /api/v1 (Okta's catch-all bucket is 600 per minute on most editions).</summary>
    public int RateLimit { get; set; } = 600;

    /// <summary>Length of the fixed rate-limit window in seconds (Okta's buckets are per minute).</summary>
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>Most /api/v1 requests in flight at once; 0 means no concurrent limit.</summary>
    public int ConcurrentLimit { get; set; }

    /// <summary>
    /// How long a batch of events stays open for more before it is delivered, one POST per hook (Okta batches
    /// events close in time; the window is an assumption). 0 still batches events posted together.
    /// </summary>
    public int DeliveryBatchWindowMilliseconds { get; set; } = OktaAssumptions.DeliveryBatchWindowMilliseconds;

    /// <summary>
    /// The order of <c>events.items</c> in answers: as sent (default), or reversed, as a real org may reorder them
    /// (recorded), so a test can prove a client compares them as a set. <c>PUT /sandbox/event-type-order</c> changes it.
    /// </summary>
    public EventTypeOrder EventTypeOrder { get; set; } = EventTypeOrder.AsSent;

    /// <summary>OAuth service apps registered at start (and again after a reset), each granted both event-hook scopes.</summary>
    public IList<SandboxOAuthClient> OAuthClients { get; } = [];
}

/// <summary>The order in which the sandbox answers a hook's event types.</summary>
public enum EventTypeOrder
{
    /// <summary>In the order they were sent.</summary>
    AsSent,

    /// <summary>Reversed: never the order sent (with two or more), as a real org may answer them in another order.</summary>
    Reversed,
}

/// <summary>A client for the org authorization server: its client_id and its public key(s) as PEM, a JWK or a JWKS.</summary>
public sealed record SandboxOAuthClient(string ClientId, string PublicKey);
