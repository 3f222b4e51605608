namespace OktaEventHooks.Sandbox.Infrastructure;

/// <summary>How Okta calls a hook endpoint, for verification and delivery alike: 3 s per attempt, one retry.</summary>
internal static class OktaEndpointContract
{
    public const int MaxAttempts = 2;

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);
}
