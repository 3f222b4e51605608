using System.Security.Cryptography;

namespace OktaEventHooks.Sandbox.OAuth;

/// <summary>
/// Server-issued DPoP nonces. Okta rotates its nonce daily and honours old ones for days; here every
/// <c>use_dpop_nonce</c> answer mints a fresh one, and each stays valid (and reusable) for <see cref="Lifetime"/>.
/// </summary>
internal sealed class DpopNonceStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string UrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);

    public string Issue(DateTimeOffset now)
    {
        var nonce = RandomNumberGenerator.GetString(UrlSafe, 32);
        lock (_gate)
        {
            foreach (var stale in _expiry.Where(n => n.Value < now).Select(n => n.Key).ToList())
            {
                _expiry.Remove(stale);
            }

            _expiry[nonce] = now + Lifetime;
        }

        return nonce;
    }

    public bool IsValid(string nonce, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _expiry.TryGetValue(nonce, out var expiry) && expiry >= now;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _expiry.Clear();
        }
    }
}
