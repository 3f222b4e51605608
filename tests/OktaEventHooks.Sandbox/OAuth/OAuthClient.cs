using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// A service app registered with the org authorization server: its public keys (private_key_jwt),
/// the Okta scopes granted to it, whether it must use DPoP, and how long its tokens live.
/// </summary>
internal sealed record OAuthClient(
    string ClientId,
    IReadOnlyList<PublicJwk> Keys,
    IReadOnlyList<string> Scopes,
    bool RequireDpop,
    int TokenLifetimeSeconds,
    bool Revoked = false)
{
    public const string ReadScope = "okta.eventHooks.read";
    public const string ManageScope = "okta.eventHooks.manage";

    /// <summary>Okta's fixed access-token lifetime.</summary>
    public const int DefaultTokenLifetimeSeconds = 3600;

    public JsonObject ToJson() => new()
    {
        ["clientId"] = ClientId,
        ["jwks"] = new JsonObject { ["keys"] = new JsonArray(Keys.Select(k => (JsonNode)k.ToJson()).ToArray()) },
        ["scopes"] = new JsonArray(Scopes.Select(s => (JsonNode)s).ToArray()),
        ["requireDpop"] = RequireDpop,
        ["tokenLifetimeSeconds"] = TokenLifetimeSeconds,
        ["revoked"] = Revoked,
    };
}

/// <summary>The registered clients, by client_id.</summary>
internal sealed class OAuthClientRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OAuthClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Adds the client, replacing (and so un-revoking) any registration with the same client_id.</summary>
    public void Register(OAuthClient client)
    {
        lock (_gate)
        {
            _clients[client.ClientId] = client;
        }
    }

    public OAuthClient? Find(string clientId)
    {
        lock (_gate)
        {
            return _clients.GetValueOrDefault(clientId);
        }
    }

    public IReadOnlyList<OAuthClient> List()
    {
        lock (_gate)
        {
            return _clients.Values.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Marks the client revoked; false when no such client is registered.</summary>
    public bool Revoke(string clientId)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(clientId, out var client))
            {
                return false;
            }

            _clients[clientId] = client with { Revoked = true };
            return true;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _clients.Clear();
        }
    }
}
