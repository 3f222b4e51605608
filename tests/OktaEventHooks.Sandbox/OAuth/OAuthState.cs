namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// Everything the org authorization server remembers, in one place so <c>POST /sandbox/reset</c> can clear it
/// at once. Clients given at start-up (<see cref="SandboxOptions.OAuthClients"/>) come back after a reset, as the
/// start-up rate-limit settings do.
/// </summary>
internal sealed class OAuthState(IReadOnlyList<OAuthClient> startupClients)
{
    public OAuthClientRegistry Clients { get; } = Seeded(startupClients);

    public AccessTokenStore Tokens { get; } = new();

    /// <summary>Client-assertion jtis, per client (<c>clientId jti</c>): an assertion is single use.</summary>
    public JtiReplayCache AssertionJtis { get; } = new();

    /// <summary>DPoP proof jtis, for token and API requests alike: a proof is single use.</summary>
    public JtiReplayCache ProofJtis { get; } = new();

    public DpopNonceStore Nonces { get; } = new();

    /// <summary>Revokes the client and kills its tokens at once; false for an unknown client.</summary>
    public bool Revoke(string clientId)
    {
        if (!Clients.Revoke(clientId))
        {
            return false;
        }

        Tokens.RevokeClient(clientId);
        return true;
    }

    public void Reset()
    {
        Clients.Clear();
        foreach (var client in startupClients)
        {
            Clients.Register(client);
        }

        Tokens.Clear();
        AssertionJtis.Clear();
        ProofJtis.Clear();
        Nonces.Clear();
    }

    private static OAuthClientRegistry Seeded(IReadOnlyList<OAuthClient> clients)
    {
        var registry = new OAuthClientRegistry();
        foreach (var client in clients)
        {
            registry.Register(client);
        }

        return registry;
    }
}
