namespace OktaEventHooks.Sandbox;

/// <summary>Settings for one sandbox org instance.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The SSWS API token clients must send; null generates a random one.</summary>
    public string? ApiToken { get; set; }

    /// <summary>Requests allowed per fixed one-minute window on /api/v1 (Okta's catch-all bucket is 600).</summary>
    public int RateLimitPerMinute { get; set; } = 600;
}
