using System.Security.Cryptography;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>What an issued access token stands for. <see cref="DpopThumbprint"/> is null for a Bearer token.</summary>
internal sealed record AccessTokenGrant(string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, string? DpopThumbprint)
{
    public bool IsDpopBound => DpopThumbprint is not null;
}

/// <summary>
/// Issued access tokens. They are opaque random strings (Okta's are JWTs, but a client must treat them as
/// opaque anyway). Expired tokens are kept a while so a caller can be told "expired" rather than "invalid".
/// </summary>
internal sealed class AccessTokenStore
{
    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static readonly TimeSpan KeepAfterExpiry = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccessTokenGrant> _grants = new(StringComparer.Ordinal);

    public string Issue(AccessTokenGrant grant, DateTimeOffset now)
    {
        var token = RandomNumberGenerator.GetString(UrlSafe, 64);
        lock (_gate)
        {
            foreach (var stale in _grants.Where(g => g.Value.ExpiresAt + KeepAfterExpiry < now).Select(g => g.Key).ToList())
            {
                _grants.Remove(stale);
            }

            _grants[token] = grant;
        }

        return token;
    }

    public AccessTokenGrant? Find(string token)
    {
        lock (_gate)
        {
            return _grants.GetValueOrDefault(token);
        }
    }

    /// <summary>Forgets every token of the client, so each one is refused from now on.</summary>
    public void RevokeClient(string clientId)
    {
        lock (_gate)
        {
            foreach (var token in _grants.Where(g => g.Value.ClientId == clientId).Select(g => g.Key).ToList())
            {
                _grants.Remove(token);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _grants.Clear();
        }
    }
}
